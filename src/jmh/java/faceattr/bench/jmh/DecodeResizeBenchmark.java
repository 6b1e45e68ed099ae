package faceattr.bench.jmh;

import faceattr.errors.RejectedInputException;
import faceattr.image.ImageDecoder;
import faceattr.image.ImageLimits;
import faceattr.image.ImageTensors;
import faceattr.synth.SynthDemoImages;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The per-image Java work before the networks: decoding a synthetic in-the-wild JPEG through the project's one
 * decoder (limits checked first), and letterboxing it to LNet's 64-pixel input.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeResizeBenchmark {
    private byte[] jpeg;
    private BufferedImage pixels;
    private ImageDecoder decoder;

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("faceattr-jmh-");
        jpeg = SynthDemoImages.generate(dir, 3, 2015).apply(0);
        decoder = new ImageDecoder(ImageLimits.defaults());
        pixels = decoder.decode(jpeg, "image/jpeg");
    }

    @Benchmark
    public BufferedImage decode() throws RejectedInputException {
        return decoder.decode(jpeg, "image/jpeg");
    }

    @Benchmark
    public byte[] letterbox64() {
        return ImageTensors.letterbox(pixels, 64);
    }

    @Benchmark
    public byte[] decodeAndLetterbox64() throws RejectedInputException {
        return ImageTensors.letterbox(decoder.decode(jpeg, "image/jpeg"), 64);
    }
}
