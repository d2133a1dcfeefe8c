package org.geoetl.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.geoetl.storage.ReadPlan.Kind;
import org.junit.jupiter.api.Test;

class ReadPlanTest {

    private static final String ETAG = "\"abc-1\"";
    private static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05.678Z");

    private static ReadPlan plan(String range, String ifRange, String ifNoneMatch, Instant ims, Instant ifRangeDate) {
        return ReadPlan.decide(1000, ETAG, MODIFIED, new ReadPlan.Request(range, ifRange, ifNoneMatch, ims, ifRangeDate));
    }

    private static ReadPlan range(String range) {
        return plan(range, null, null, null, null);
    }

    @Test
    void singleByteRangesArePartial() {
        assertThat(range("bytes=0-99")).isEqualTo(new ReadPlan(Kind.PARTIAL, 0, 99));
        assertThat(range("bytes=0-99").length()).isEqualTo(100);
        assertThat(range("bytes=990-")).isEqualTo(new ReadPlan(Kind.PARTIAL, 990, 999));
        assertThat(range("bytes=-16")).isEqualTo(new ReadPlan(Kind.PARTIAL, 984, 999));
        assertThat(range("bytes=-5000")).isEqualTo(new ReadPlan(Kind.PARTIAL, 0, 999));
        assertThat(range("bytes=500-5000")).isEqualTo(new ReadPlan(Kind.PARTIAL, 500, 999));
    }

    @Test
    void rangesPastTheEndAreUnsatisfiable() {
        assertThat(range("bytes=1000-").kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(range("bytes=5000-6000").kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(range("bytes=-0").kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(ReadPlan.decide(0, ETAG, MODIFIED, new ReadPlan.Request("bytes=0-1", null, null, null, null)).kind())
                .isEqualTo(Kind.UNSATISFIABLE);
    }

    @Test
    void malformedOrMultipleRangesAreAnsweredWhole() {
        for (String r : new String[] {"bytes=0-1,5-6", "items=0-1", "bytes=abc", "bytes=9-3", "bytes=", "0-99"}) {
            assertThat(range(r)).as(r).isEqualTo(new ReadPlan(Kind.FULL, 0, 999));
        }
        assertThat(range(null).kind()).isEqualTo(Kind.FULL);
    }

    @Test
    void ifRangeKeepsTheRangeOnlyForTheSameVersion() {
        assertThat(plan("bytes=0-9", ETAG, null, null, null).kind()).isEqualTo(Kind.PARTIAL);
        assertThat(plan("bytes=0-9", "\"other\"", null, null, null).kind()).isEqualTo(Kind.FULL);
        // a weak tag never matches If-Range (strong comparison)
        assertThat(plan("bytes=0-9", "W/" + ETAG, null, null, null).kind()).isEqualTo(Kind.FULL);
        Instant seconds = Instant.parse("2026-01-02T03:04:05Z");
        assertThat(plan("bytes=0-9", "Fri, 02 Jan 2026 03:04:05 GMT", null, null, seconds).kind()).isEqualTo(Kind.PARTIAL);
        assertThat(plan("bytes=0-9", "Fri, 02 Jan 2026 03:04:04 GMT", null, null, seconds.minusSeconds(1)).kind())
                .isEqualTo(Kind.FULL);
    }

    @Test
    void validatorsAnswerNotModified() {
        assertThat(plan(null, null, ETAG, null, null).kind()).isEqualTo(Kind.NOT_MODIFIED);
        assertThat(plan(null, null, "\"x\", W/" + ETAG, null, null).kind()).isEqualTo(Kind.NOT_MODIFIED);
        assertThat(plan(null, null, "*", null, null).kind()).isEqualTo(Kind.NOT_MODIFIED);
        assertThat(plan("bytes=0-9", null, "\"x\"", null, null).kind()).isEqualTo(Kind.PARTIAL);
        assertThat(plan(null, null, null, Instant.parse("2026-01-02T03:04:05Z"), null).kind()).isEqualTo(Kind.NOT_MODIFIED);
        assertThat(plan(null, null, null, Instant.parse("2026-01-02T03:04:04Z"), null).kind()).isEqualTo(Kind.FULL);
        // If-None-Match decides alone when present (RFC 9110 13.2.2)
        assertThat(plan(null, null, "\"x\"", Instant.parse("2027-01-01T00:00:00Z"), null).kind()).isEqualTo(Kind.FULL);
    }

    @Test
    void cogsAreRecognisedByGdalsStructuralMetadata() {
        byte[] cog = ("II*\0\u0008\0\0\0GDAL_STRUCTURAL_METADATA_SIZE=000140 bytes\nLAYOUT=IFDS_BEFORE_DATA\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(BlobContentTypes.isCogHeader(cog)).isTrue();
        byte[] plain = "II*\0\u0008\0\0\0\u0010\0\u0000\u0001\u0003\0\u0001\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(BlobContentTypes.isCogHeader(plain)).isFalse();
        byte[] notTiff = "PK\u0003\u0004GDAL_STRUCTURAL_METADATA_SIZE=1 LAYOUT=IFDS_BEFORE_DATA".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(BlobContentTypes.isCogHeader(notTiff)).isFalse();
    }
}
