package faceattr.model;

import java.util.List;

/** The cascade's answer for one image: its size and the faces found, strongest first (possibly none). */
public record TaggedImage(int width, int height, List<DetectedFace> faces) {
}
