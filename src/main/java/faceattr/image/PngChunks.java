package faceattr.image;

import faceattr.errors.ReasonCode;
import faceattr.errors.RejectedInputException;

import java.util.zip.CRC32;

/**
 * Structural check of a PNG before decoding: chunks within the data, IHDR first, IEND present, and the CRC of every
 * critical chunk (IHDR, PLTE, IDAT, IEND) correct. The JDK reader does not verify CRCs, so a damaged file would
 * otherwise decode to wrong pixels instead of being refused; libpng refuses it too.
 */
final class PngChunks {
    private static final int SIGNATURE_LENGTH = 8;

    private PngChunks() {
    }

    static void verify(byte[] png) throws RejectedInputException {
        int pos = SIGNATURE_LENGTH;
        boolean first = true;
        while (true) {
            if (pos + 12 > png.length) {
                throw corrupt("truncated: no IEND chunk");
            }
            long length = (png[pos] & 0xFFL) << 24 | (png[pos + 1] & 0xFFL) << 16 | (png[pos + 2] & 0xFFL) << 8
                    | (png[pos + 3] & 0xFFL);
            if (length > png.length - pos - 12L) {
                throw corrupt("truncated: chunk at byte " + pos + " declares " + length + " bytes");
            }
            String type = new String(png, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (first && !type.equals("IHDR")) {
                throw corrupt("first chunk is not IHDR");
            }
            first = false;
            boolean critical = Character.isUpperCase(type.charAt(0));
            int dataEnd = pos + 8 + (int) length;
            if (critical) {
                CRC32 crc = new CRC32();
                crc.update(png, pos + 4, 4 + (int) length);
                long stored = (png[dataEnd] & 0xFFL) << 24 | (png[dataEnd + 1] & 0xFFL) << 16
                        | (png[dataEnd + 2] & 0xFFL) << 8 | (png[dataEnd + 3] & 0xFFL);
                if (crc.getValue() != stored) {
                    throw corrupt("CRC mismatch in " + ImageDecoder.printable(type) + " chunk at byte " + pos);
                }
            }
            if (type.equals("IEND")) {
                return;
            }
            pos = dataEnd + 4;
        }
    }

    private static RejectedInputException corrupt(String what) {
        return new RejectedInputException(ReasonCode.CORRUPT_IMAGE, "damaged image/png: " + what);
    }
}
