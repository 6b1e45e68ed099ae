package faceattr.image;

import faceattr.errors.ReasonCode;
import faceattr.errors.RejectedInputException;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The project's one image decoder: untrusted bytes to an RGB image, or a {@link RejectedInputException} saying why.
 *
 * <p>Order of checks, cheapest and safest first:
 * <ol>
 *   <li>empty → {@code CORRUPT_IMAGE}; larger than {@code image.max.bytes} → {@code TOO_LARGE}</li>
 *   <li>declared content type (optional): malformed → {@code INVALID_EVENT}; a type that is not one of our
 *       image formats → {@code UNSUPPORTED_FORMAT}</li>
 *   <li>real format sniffed from the magic bytes (never trusted from a name or a declared type):
 *       none of JPEG/PNG/GIF/BMP/WebP → {@code UNSUPPORTED_FORMAT}; WebP without a WebP reader on the
 *       classpath → {@code UNSUPPORTED_FORMAT}</li>
 *   <li>declared format differs from the sniffed one → {@code INVALID_EVENT} (the event lies about its payload;
 *       the bytes may be fine, so this is the producer's bug, not a bad image)</li>
 *   <li>width × height from the header, before any pixel buffer is allocated: above {@code image.max.side} or
 *       {@code image.max.pixels} → {@code TOO_LARGE} (decompression bombs); below {@code image.min.side} →
 *       {@code TOO_SMALL}</li>
 *   <li>decoding, aborted when it runs past {@code image.decode.timeout.ms} → {@code DECODE_TIMEOUT};
 *       truncated or corrupt data (including PNG chunk CRC errors and JPEG "premature end" warnings) →
 *       {@code CORRUPT_IMAGE}</li>
 * </ol>
 * Colour handling: CMYK/YCCK JPEGs are converted through their ICC profile (TwelveMonkeys reader), greyscale,
 * palette and 16-bit images are converted to 8-bit sRGB, alpha is composited onto white, and JPEG EXIF orientation
 * (1–8) is applied so the result is upright. GIF and WebP: the first frame.
 *
 * <p>Thread-safe: each call uses its own ImageIO reader.
 */
public final class ImageDecoder {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "image-decode-watchdog");
        t.setDaemon(true);
        return t;
    });

    /**
     * Readers (libjpeg inside the JDK JPEG reader) report a truncated file as a warning and fill the missing rows
     * with grey; those images are refused. Other warnings (e.g. extraneous bytes before a marker, common in
     * camera files that every viewer shows fine) are tolerated.
     */
    private static final Pattern TRUNCATION_WARNING = Pattern.compile("(?i)truncat|premature end");

    /** Generic binary types say nothing about the format (S3 labels uploads binary/octet-stream by default). */
    private static final Set<String> UNDECLARED_TYPES = Set.of("application/octet-stream", "binary/octet-stream");

    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Decodes to {@link BufferedImage#TYPE_INT_RGB}, or says why not. */
    public BufferedImage decode(byte[] bytes) throws RejectedInputException {
        return decode(bytes, null);
    }

    /**
     * Decodes to {@link BufferedImage#TYPE_INT_RGB}, checking the sniffed format against
     * {@code declaredContentType} (e.g. {@code image/jpeg}; parameters ignored; null, blank,
     * {@code application/octet-stream} and {@code binary/octet-stream} mean "not declared").
     */
    public BufferedImage decode(byte[] bytes, String declaredContentType) throws RejectedInputException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.decodeTimeoutMs());
        ImageFormat format = checkFormat(bytes, declaredContentType);
        ImageReader reader = readerFor(format).orElseThrow(() -> new RejectedInputException(
                ReasonCode.UNSUPPORTED_FORMAT, format.mediaType() + " is recognised but no decoder for it is installed"));
        AtomicBoolean aborted = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            aborted.set(true);
            reader.abort();
        }, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            reader.addIIOReadProgressListener(new DeadlineListener(deadline, aborted));
            List<String> truncationWarnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> {
                if (TRUNCATION_WARNING.matcher(warning).find()) {
                    truncationWarnings.add(warning);
                }
            });
            checkSize(format, reader.getWidth(0), reader.getHeight(0));
            checkDeadline(deadline, aborted);
            BufferedImage decoded = reader.read(0);
            checkDeadline(deadline, aborted);
            if (!truncationWarnings.isEmpty()) {
                throw new RejectedInputException(ReasonCode.CORRUPT_IMAGE, format.mediaType() + " is truncated: "
                        + printable(String.join("; ", truncationWarnings)));
            }
            BufferedImage rgb = toRgb(decoded);
            if (format == ImageFormat.JPEG) {
                rgb = ExifOrientation.apply(rgb, ExifOrientation.ofJpeg(bytes));
            }
            checkDeadline(deadline, aborted);
            return rgb;
        } catch (IOException | RuntimeException e) {
            checkDeadline(deadline, aborted);
            throw new RejectedInputException(ReasonCode.CORRUPT_IMAGE,
                    "cannot decode " + format.mediaType() + ": " + describe(e), e);
        } finally {
            if (!watchdog.cancel(false)) {
                awaitAbort(watchdog);
            }
            reader.dispose();
        }
    }

    /**
     * Waits until a watchdog that has started aborting the reader is done with it: the JDK's JPEG reader is locked to
     * the thread using it, so disposing of it while the watchdog is inside {@code abort()} would throw.
     */
    private static void awaitAbort(ScheduledFuture<?> watchdog) {
        try {
            watchdog.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            // the abort failed or never ran: either way it no longer holds the reader
        }
    }

    /** Size, declared type and sniffed format checks; no decoding. */
    private ImageFormat checkFormat(byte[] bytes, String declaredContentType) throws RejectedInputException {
        if (bytes == null || bytes.length == 0) {
            throw new RejectedInputException(ReasonCode.CORRUPT_IMAGE, "image is empty (0 bytes)");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new RejectedInputException(ReasonCode.TOO_LARGE,
                    "image is " + bytes.length + " bytes, limit is " + limits.maxBytes());
        }
        Optional<ImageFormat> declared = declaredFormat(declaredContentType);
        ImageFormat sniffed = ImageFormat.sniff(bytes).orElseThrow(() -> new RejectedInputException(
                ReasonCode.UNSUPPORTED_FORMAT, "not a supported image format (JPEG, PNG, GIF, BMP, WebP): "
                + ImageFormat.describeUnknown(bytes)));
        if (declared.isPresent() && declared.get() != sniffed) {
            throw new RejectedInputException(ReasonCode.INVALID_EVENT, "content type declared as "
                    + declared.get().mediaType() + " but the bytes are " + sniffed.mediaType());
        }
        Optional<long[]> size = HeaderSize.peek(sniffed, bytes);
        if (size.isPresent()) {
            checkMaxSize(size.get()[0], size.get()[1]);
        }
        if (sniffed == ImageFormat.PNG) {
            PngChunks.verify(bytes);
        }
        return sniffed;
    }

    /** The format a declared content type names; empty when nothing usable was declared. */
    static Optional<ImageFormat> declaredFormat(String contentType) throws RejectedInputException {
        if (contentType == null || contentType.isBlank()) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.matches("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")) {
            throw new RejectedInputException(ReasonCode.INVALID_EVENT,
                    "content type is not a media type: '" + printable(contentType) + "'");
        }
        if (UNDECLARED_TYPES.contains(type)) {
            return Optional.empty();
        }
        return Optional.of(ImageFormat.forMediaType(type).orElseThrow(() -> new RejectedInputException(
                ReasonCode.UNSUPPORTED_FORMAT, "declared content type " + type + " is not a supported image format")));
    }

    private void checkSize(ImageFormat format, int w, int h) throws RejectedInputException {
        if (w <= 0 || h <= 0) {
            throw new RejectedInputException(ReasonCode.CORRUPT_IMAGE,
                    format.mediaType() + " header declares " + w + "x" + h + " pixels");
        }
        checkMaxSize(w, h);
        if (w < limits.minSide() || h < limits.minSide()) {
            throw new RejectedInputException(ReasonCode.TOO_SMALL,
                    "image is " + w + "x" + h + ", minimum side is " + limits.minSide() + " px");
        }
    }

    private void checkMaxSize(long w, long h) throws RejectedInputException {
        if (w > limits.maxSide() || h > limits.maxSide() || w * h > limits.maxPixels()) {
            throw new RejectedInputException(ReasonCode.TOO_LARGE, "image is " + w + "x" + h
                    + ", limits are " + limits.maxSide() + " px per side and " + limits.maxPixels() + " pixels");
        }
    }

    private void checkDeadline(long deadline, AtomicBoolean aborted) throws RejectedInputException {
        if (aborted.get() || System.nanoTime() - deadline > 0) {
            throw new RejectedInputException(ReasonCode.DECODE_TIMEOUT,
                    "decoding took longer than " + limits.decodeTimeoutMs() + " ms");
        }
    }

    /** The reader for the sniffed format; for JPEG the TwelveMonkeys one (CMYK/YCCK) when it is installed. */
    static Optional<ImageReader> readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        ImageReader chosen = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            if (chosen == null || r.getClass().getName().startsWith("com.twelvemonkeys.")) {
                if (chosen != null) {
                    chosen.dispose();
                }
                chosen = r;
            } else {
                r.dispose();
            }
        }
        return Optional.ofNullable(chosen);
    }

    /** 8-bit sRGB; alpha composited onto white (a transparent background reads as paper, not as black). */
    static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + printable(message));
    }

    /** At most 200 printable characters of an untrusted string, for error messages. */
    static String printable(String s) {
        String clean = s.codePoints().limit(200)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return s.length() > 200 ? clean + "…" : clean;
    }

    /** Aborts the read from the decoding thread itself once the deadline passed (readers report progress often). */
    private static final class DeadlineListener implements IIOReadProgressListener {
        private final long deadline;
        private final AtomicBoolean aborted;

        DeadlineListener(long deadline, AtomicBoolean aborted) {
            this.deadline = deadline;
            this.aborted = aborted;
        }

        private void check(ImageReader source) {
            if (System.nanoTime() - deadline > 0) {
                aborted.set(true);
                source.abort();
            }
        }

        @Override public void imageStarted(ImageReader source, int imageIndex) { check(source); }
        @Override public void imageProgress(ImageReader source, float percentageDone) { check(source); }
        @Override public void imageComplete(ImageReader source) { }
        @Override public void sequenceStarted(ImageReader source, int minIndex) { }
        @Override public void sequenceComplete(ImageReader source) { }
        @Override public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) { }
        @Override public void thumbnailProgress(ImageReader source, float percentageDone) { }
        @Override public void thumbnailComplete(ImageReader source) { }
        @Override public void readAborted(ImageReader source) { }
    }
}
