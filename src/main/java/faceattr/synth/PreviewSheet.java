package faceattr.synth;

import faceattr.data.CelebaFormat;
import faceattr.errors.RejectedInputException;
import faceattr.geometry.Box;
import faceattr.image.ContactSheet;
import faceattr.image.ImageDecoder;
import faceattr.image.ImageLimits;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code preview.png}: the first images as written (decoded back), with box and landmarks, and their aligned crops. */
final class PreviewSheet {
    private static final int PREVIEW_IMAGES = 16;

    /** Preview caption codes in official attribute order (empty: not shown). */
    private static final String[] CAPTION_CODES = {"5oC", "Arch", "", "Bags", "Bald", "Bang", "BLip", "BNos", "Blk",
            "Bln", "Blur", "Brn", "Bush", "Chub", "DChn", "Gls", "Goat", "Gry", "Mkp", "HChk", "M", "Open", "Must",
            "Narr", "", "Oval", "Pale", "Pnt", "Rec", "Rosy", "Sdb", "Smi", "Str", "Wav", "Ear", "Hat", "Lip", "Nkl",
            "Tie", "Y"};

    private PreviewSheet() {
    }

    static Path write(Path out, ImageRow[] rows) throws IOException {
        ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());
        int n = Math.min(PREVIEW_IMAGES, rows.length);
        int columns = 8;
        ContactSheet sheet = new ContactSheet(columns, 180, 180);
        for (int start = 0; start < n; start += columns) {
            int end = Math.min(n, start + columns);
            for (int i = start; i < end; i++) {
                ImageRow row = rows[i];
                BufferedImage img = decode(decoder, out.resolve(faceattr.data.ImageVariant.IN_THE_WILD.folder())
                        .resolve(CelebaFormat.imageName(i + 1)));
                double[] pts = new double[10];
                for (int k = 0; k < 10; k++) {
                    pts[k] = row.landmarks()[k];
                }
                sheet.add(img, caption(i, row.attributes()),
                        List.of(new Box(row.box()[0], row.box()[1], row.box()[2], row.box()[3])), pts);
            }
            for (int i = end; i < start + columns; i++) {
                sheet.add(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "");
            }
            for (int i = start; i < end; i++) {
                BufferedImage img = decode(decoder, out.resolve(faceattr.data.ImageVariant.ALIGNED.folder())
                        .resolve(CelebaFormat.imageName(i + 1)));
                sheet.add(img, "aligned " + CelebaFormat.imageName(i + 1), List.of(), new double[0]);
            }
        }
        Path png = out.resolve(SynthGenerator.PREVIEW);
        sheet.write(png);
        return png;
    }

    private static BufferedImage decode(ImageDecoder decoder, Path file) throws IOException {
        try {
            return decoder.decode(Files.readAllBytes(file));
        } catch (RejectedInputException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Short codes of the tags that are on, e.g. {@code 000003 M Y Smi Gls}; No_Beard and Attractive left out. */
    static String caption(int index, boolean[] a) {
        StringBuilder sb = new StringBuilder(CelebaFormat.imageName(index + 1).substring(0, 6));
        for (int i = 0; i < a.length; i++) {
            if (a[i] && !CAPTION_CODES[i].isEmpty()) {
                sb.append(' ').append(CAPTION_CODES[i]);
            }
        }
        return sb.toString();
    }
}
