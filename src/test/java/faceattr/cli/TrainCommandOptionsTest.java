package faceattr.cli;

import faceattr.model.Profile;
import faceattr.train.Stage;
import faceattr.train.TrainOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The train command's flags land on the options they name; an option not given keeps the builder's default. */
class TrainCommandOptionsTest {

    private static TrainOptions parse(String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    @Test
    void noFlagsGiveTheBuildersDefaults() {
        TrainOptions o = parse("--data", "d", "--out", "m.zip");
        TrainOptions defaults = TrainOptions.builder(Profile.COMPACT, Path.of("d"), Path.of("m.zip"))
                .commandLine(o.run().commandLine()).build();
        assertEquals(defaults, o);
        assertEquals(Path.of("m.zip.work"), o.folders().work());
        assertEquals(Path.of("d", "backgrounds"), o.folders().backgrounds());
        assertEquals(EnumSet.allOf(Stage.class), o.run().stages());
        assertEquals("faceattr --data d --out m.zip", o.run().commandLine());
    }

    @Test
    void paperProfileDefaultsAndTwoLNetStages() {
        TrainOptions o = parse("--data", "d", "--out", "m.zip", "--profile", "paper");
        assertEquals(2, o.lnet().stages());
        assertEquals(0, o.lnet().refinePasses(), "no closer looks with two LNet stages");
        assertEquals(0, o.regressor().schedule().epochs(), "no box regressor with two LNet stages");
        assertEquals(new TrainOptions.Schedule(30, 64, 1e-4, 3), o.lnet().finetune());
        assertEquals(new TrainOptions.Schedule(20, 128, 1e-4, 3), o.anet().finetune());
        assertEquals(0.003, o.anet().centerLoss());
    }

    @Test
    void flagsForEveryNetworkWinOverPerNetworkOnes() {
        TrainOptions o = parse("--data", "d", "--out", "m.zip", "--epochs", "2", "--lnet-epochs", "9", "--batch", "8",
                "--anet-batch", "16", "--lr", "1e-3", "--anet-lr", "5e-3", "--patience", "4");
        for (TrainOptions.Schedule s : new TrainOptions.Schedule[]{o.lnet().pretrain(), o.lnet().finetune(),
                o.anet().pretrain(), o.anet().finetune()}) {
            assertEquals(new TrainOptions.Schedule(2, 8, 1e-3, 4), s);
        }
        assertEquals(new TrainOptions.Schedule(3, 8, 5e-4, 4), o.regressor().schedule(),
                "the box regressor: its own epochs, LNet's minibatch at half LNet's learning rate");
    }

    @Test
    void perNetworkAndOtherFlags() {
        TrainOptions o = parse("--data", "d", "--out", "m.zip", "--work", "w", "--backgrounds", "bg",
                "--objects", "obj",
                "--stages", "finetune", "--resume", "--lnet-stages", "2", "--lnet-refine", "1", "--regressor-epochs",
                "5", "--regressor-max-train", "100", "--regressor-repeats", "2", "--regressor-self-train",
                "--max-train", "10", "--lnet-max-train", "5", "--max-val", "7", "--lnet-pretrain-epochs", "6",
                "--anet-pretrain-epochs", "7", "--anet-pretrain-identities", "20", "--anet-pretrain-lr", "2e-4",
                "--no-face-negatives", "--c5-l1", "0", "--center-loss", "0.1", "--svm-c", "0.5", "--verifier-c", "0",
                "--max-faces", "3", "--enlargement", "1.5", "--patches", "1", "--seed", "11", "--threads", "2",
                "--generate-command", "faceattr synth");
        assertEquals(new TrainOptions.Folders(Path.of("d"), Path.of("obj"), Path.of("bg"), null, Path.of("m.zip"),
                Path.of("w")), o.folders());
        assertEquals(EnumSet.of(Stage.LNET_FINETUNE, Stage.ANET_FINETUNE), o.run().stages());
        assertTrue(o.run().resume());
        assertEquals(11, o.run().seed());
        assertEquals(2, o.run().threads());
        assertEquals("faceattr synth", o.run().generateCommand());
        assertEquals(new TrainOptions.Limits(10, 7, 5, 100), o.limits());
        assertEquals(2, o.lnet().stages());
        assertEquals(1, o.lnet().refinePasses());
        assertEquals(6, o.lnet().pretrain().epochs());
        assertFalse(o.lnet().faceNegatives());
        assertEquals(0, o.lnet().c5L1());
        assertEquals(new TrainOptions.Regressor(new TrainOptions.Schedule(5, 32, 1e-3, 3), 2, true), o.regressor());
        assertEquals(new TrainOptions.Schedule(7, 64, 2e-4, 3), o.anet().pretrain());
        assertEquals(20, o.anet().pretrainIdentities());
        assertEquals(0.1, o.anet().centerLoss());
        assertEquals(new TrainOptions.Classifiers(0.5, 0), o.classifiers());
        assertEquals(new TrainOptions.Inference(3, 1.5, 1), o.inference());
    }
}
