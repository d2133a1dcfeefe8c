package org.geoetl.engine.definition;

import java.util.ArrayList;
import java.util.List;

/** The stages and parameters a fan-out rule reads. */
public final class FanOutReferences {

    private FanOutReferences() {
    }

    public static List<String> stages(FanOut fanOut) {
        List<String> refs = new ArrayList<>();
        if (fanOut instanceof FanOut.Each e && e.source().stage() != null) {
            refs.add(e.source().stage());
        } else if (fanOut instanceof FanOut.Batch b && b.source().stage() != null) {
            refs.add(b.source().stage());
        } else if (fanOut instanceof FanOut.FanIn f) {
            refs.add(f.stage());
        }
        return refs;
    }

    public static List<String> params(FanOut fanOut) {
        List<String> refs = new ArrayList<>();
        if (fanOut instanceof FanOut.Fixed f && f.count().param() != null) {
            refs.add(f.count().param());
        } else if (fanOut instanceof FanOut.Each e && e.source().param() != null) {
            refs.add(e.source().param());
        } else if (fanOut instanceof FanOut.Batch b) {
            if (b.source().param() != null) {
                refs.add(b.source().param());
            }
            if (b.size().param() != null) {
                refs.add(b.size().param());
            }
        }
        return refs;
    }
}
