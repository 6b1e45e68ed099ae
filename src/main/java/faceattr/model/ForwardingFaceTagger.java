package faceattr.model;

import java.util.List;

/**
 * A tagger that wraps another to add something around its passes (metrics, counting, timing): the version, the
 * attribute names and {@link #close} are the wrapped tagger's. Subclasses implement {@link #tag} and call
 * {@code model.tag}.
 */
public abstract class ForwardingFaceTagger implements FaceTagger {
    protected final FaceTagger model;

    protected ForwardingFaceTagger(FaceTagger model) {
        this.model = model;
    }

    @Override
    public String modelVersion() {
        return model.modelVersion();
    }

    @Override
    public List<String> attributeNames() {
        return model.attributeNames();
    }

    @Override
    public void close() {
        model.close();
    }
}
