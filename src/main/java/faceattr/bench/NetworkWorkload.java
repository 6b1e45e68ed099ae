package faceattr.bench;

import faceattr.model.AttributeClassifiers;
import faceattr.model.ModelBundle;
import faceattr.model.Networks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * The networks of a bundle without the Java work around them (letterboxing, window search, cropping): per image,
 * LNet on the image and its mirror (the cascade's flip averaging) up to C5, ANet on the face's {@code patches} patches
 * up to the FC features, the features averaged per face, then the 40 SVMs and Platt probabilities. This is the
 * workload the PyTorch peer (bench/peer_compare.py) reimplements and times, on the same inputs.
 */
public final class NetworkWorkload {
    private final ComputationGraph lnet;
    private final ComputationGraph anet;
    private final AttributeClassifiers classifiers;
    private final int lnetInput;
    private final int anetInput;
    private final int patches;
    /** 2 when the cascade averages each LNet map with its mirror image's, else 1. */
    private final int views;

    public NetworkWorkload(ModelBundle bundle) {
        this.lnet = bundle.lnets().get(0);
        this.anet = bundle.anet();
        this.classifiers = bundle.classifiers();
        this.lnetInput = bundle.manifest().lnetInputs().get(0);
        this.anetInput = bundle.manifest().anetInput();
        this.patches = bundle.manifest().patchLayout().size();
        this.views = bundle.manifest().localizer().response().flipAverage() ? 2 : 1;
    }

    /** The outputs the peer must reproduce. */
    public record Output(INDArray c5, INDArray features, float[][] probabilities) {
    }

    public int lnetInput() {
        return lnetInput;
    }

    public int anetInput() {
        return anetInput;
    }

    public int views() {
        return views;
    }

    public int patches() {
        return patches;
    }

    /** Deterministic inputs in the networks' normalized range: [B×views,3,L,L] for LNet, [B*patches,3,A,A] for ANet. */
    public INDArray[] inputs(int batch, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray l = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, (long) views * batch, 3, lnetInput, lnetInput)
                .subi(0.5).muli(2);
        INDArray a = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, (long) batch * patches, 3, anetInput,
                anetInput).subi(0.5).muli(2);
        return new INDArray[]{l, a};
    }

    /** One pass over a batch: {@code lnetIn} has B × views rows (images, then mirrors), {@code anetIn} B × patches rows. */
    public Output run(INDArray lnetIn, INDArray anetIn) {
        INDArray c5 = lnet.output(List.of(Networks.C5), false, new INDArray[]{lnetIn}, null)[0];
        INDArray fc = anet.output(List.of(Networks.FEATURES), false, new INDArray[]{anetIn}, null)[0];
        int faces = (int) (anetIn.size(0) / patches);
        int dim = (int) fc.size(1);
        float[] all = fc.dup('c').data().asFloat();
        float[][] probabilities = new float[faces][];
        for (int f = 0; f < faces; f++) {
            float[] mean = new float[dim];
            for (int p = 0; p < patches; p++) {
                int row = (f * patches + p) * dim;
                for (int d = 0; d < dim; d++) {
                    mean[d] += all[row + d] / patches;
                }
            }
            probabilities[f] = classifiers.probabilities(classifiers.scores(mean));
        }
        return new Output(c5, fc, probabilities);
    }
}
