package faceattr.synth;

import java.util.SplittableRandom;

import static faceattr.synth.Seeds.chance;
import static faceattr.synth.Seeds.range;

/**
 * Where and how the face appears in its photo.
 *
 * @param centerX        x of the face origin in pixels
 * @param centerY        y of the face origin in pixels
 * @param scale          pixels per face unit
 * @param roll           in-plane rotation in radians
 * @param clutterSeed    seed of the background
 * @param occluderSeed   seed of the occluder, or 0 for none
 * @param cast           per-channel colour gains
 * @param jpegQuality    60..95
 */
record SceneSpec(int width, int height, double centerX, double centerY, double scale, double roll,
                        long clutterSeed, long occluderSeed, double[] cast, double light, double contrast,
                        double gradient, double gradientAngle, int noise, int jpegQuality) {
    static final double MAX_ROLL = Math.toRadians(25);
    static final double MIN_FACE_SHARE = 0.15;
    static final double MAX_FACE_SHARE = 0.60;

    /** Picks an image size, then a face size (15-60% of the shorter side), rotation and a position inside. */
    static SceneSpec sample(FaceGeometry geo, SplittableRandom r) {
        int width = (int) range(r, 160, 401);
        double aspect = Math.exp(range(r, Math.log(0.7), Math.log(1.45)));
        int height = (int) Math.max(160, Math.min(400, Math.round(width * aspect)));
        double roll = range(r, -MAX_ROLL, MAX_ROLL);
        double a = geo.boxHalfWidth();
        double b = geo.boxHalfHeight();
        double c = Math.cos(roll);
        double s = Math.sin(roll);
        double halfW = Math.hypot(a * c, b * s);
        double halfH = Math.hypot(a * s, b * c);
        double share = range(r, MIN_FACE_SHARE, MAX_FACE_SHARE);
        double scale = share * Math.min(width, height) / (2 * a);
        scale = Math.min(scale, Math.min(width / (2 * halfW), height / (2 * halfH)) * 0.97);
        double boxX = range(r, halfW * scale, width - halfW * scale);
        double boxY = range(r, halfH * scale, height - halfH * scale);
        double cy = geo.boxCenterY() * scale;
        double centerX = boxX + s * cy;
        double centerY = boxY - c * cy;
        double[] cast = {range(r, 0.86, 1.14), range(r, 0.88, 1.12), range(r, 0.86, 1.14)};
        return new SceneSpec(width, height, centerX, centerY, scale, roll, r.nextLong(),
                chance(r, 0.25) ? r.nextLong() | 1 : 0, cast, range(r, 0.8, 1.12), range(r, 0.8, 1.1),
                range(r, 0, 0.3), range(r, 0, 2 * Math.PI), r.nextInt(7), 60 + r.nextInt(36));
    }
}
