package org.geoetl.raster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a process_raster run must do given what an earlier run left (seed §4.3 change detection):
 * {@code new} (nothing there yet), {@code no_change} (same source bytes, same processing, same
 * descriptions: nothing to do), {@code metadata_only} (same source and processing, new title,
 * description or license: patch the catalogue, keep the COGs) or {@code full} (the source or the
 * processing changed, or no source checksum was recorded: convert again).
 */
public record RerunDecision(String decision, String reason, List<String> changed) {

    /** What the earlier run recorded for the item (or tile set). */
    public record Previous(String sourceChecksum, Map<String, Object> processing, Map<String, String> descriptive) {
    }

    public boolean converts() {
        return "new".equals(decision) || "full".equals(decision);
    }

    /**
     * @param descriptive the run's title, description and license; a null value means "not given"
     *                    and keeps what the catalogue has, so it is not a change
     */
    public static RerunDecision decide(Previous previous, String sourceChecksum, Map<String, Object> processing,
                                       Map<String, String> descriptive) {
        if (previous == null) {
            return new RerunDecision("new", "no earlier output", List.of());
        }
        if (previous.sourceChecksum() == null) {
            return new RerunDecision("full", "the earlier output recorded no source checksum", List.of("source"));
        }
        if (!previous.sourceChecksum().equals(sourceChecksum)) {
            return new RerunDecision("full", "the source changed (" + shortSum(previous.sourceChecksum()) + " → "
                    + shortSum(sourceChecksum) + ")", List.of("source"));
        }
        List<String> changed = new ArrayList<>();
        processing.forEach((k, v) -> {
            if (!Objects.equals(normal(v), normal(previous.processing() == null ? null : previous.processing().get(k)))) {
                changed.add(k);
            }
        });
        if (!changed.isEmpty()) {
            return new RerunDecision("full", "same source, processing changed: " + String.join(", ", changed), changed);
        }
        descriptive.forEach((k, v) -> {
            if (v != null && !v.equals(previous.descriptive().get(k))) {
                changed.add(k);
            }
        });
        if (!changed.isEmpty()) {
            return new RerunDecision("metadata_only", "same source and processing; changed: " + String.join(", ", changed),
                    changed);
        }
        return new RerunDecision("no_change", "same source, processing and descriptions", List.of());
    }

    /** JSON round trips turn integers into other Number types; compare numbers by value. */
    private static Object normal(Object v) {
        return v instanceof Number n ? (Object) n.doubleValue() : v;
    }

    private static String shortSum(String sum) {
        return sum == null ? "none" : sum.substring(0, Math.min(sum.length(), 16)) + "…";
    }
}
