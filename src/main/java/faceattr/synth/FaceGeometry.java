package faceattr.synth;

/**
 * Where a face's parts sit, in face units: x to the right, y down, the face outline spans about -0.5..0.5 in x;
 * (0, 0) is between the eyes and the mouth. Derived from the person and the image's tags.
 */
record FaceGeometry(double halfWidth, double chinY, double eyeX, double eyeY, double noseTipY, double noseHalfWidth,
                    double mouthY, double mouthHalfWidth, double cornerLift, double yaw) {
    /** Top of the face box (hairline / upper forehead). */
    static final double BOX_TOP = -0.8;
    /** The face box reaches this far beyond the face outline on each side (the ears). */
    static final double BOX_EAR_MARGIN = 0.1;

    static FaceGeometry of(FaceSpec face) {
        Identity p = face.identity();
        double halfWidth = face.has("Chubby") ? 0.57 : face.has("Oval_Face") ? 0.45 : 0.5;
        double chinY = face.has("Oval_Face") ? 0.8 : face.has("Chubby") ? 0.66 : 0.69;
        double noseTip = p.eyeHeight() + p.noseLength() + (face.has("Big_Nose") ? 0.04 : 0);
        boolean smiling = face.has("Smiling");
        double mouthHalf = p.mouthWidth() + (smiling ? 0.035 * face.expression() : 0);
        double lift = smiling ? 0.055 * face.expression() : 0;
        return new FaceGeometry(halfWidth, chinY, p.eyeSpacing(), p.eyeHeight(), noseTip,
                face.has("Big_Nose") ? 0.1 : 0.064, noseTip + 0.17, mouthHalf, lift, face.yaw());
    }

    /** Centre y of the face box ellipse. */
    double boxCenterY() {
        return (BOX_TOP + chinY + 0.04) / 2;
    }

    /** Half-width of the (unrotated) face box. */
    double boxHalfWidth() {
        return halfWidth + BOX_EAR_MARGIN;
    }

    /** Half-height of the (unrotated) face box. */
    double boxHalfHeight() {
        return (chinY + 0.04 - BOX_TOP) / 2;
    }

    /** The five CelebA landmarks: left eye, right eye, nose tip, left and right mouth corner (x, y pairs). */
    double[] landmarks() {
        return new double[] {-eyeX + yaw, eyeY, eyeX + yaw, eyeY, yaw * 1.3, noseTipY,
                -mouthHalfWidth + yaw, mouthY - cornerLift, mouthHalfWidth + yaw, mouthY - cornerLift};
    }
}
