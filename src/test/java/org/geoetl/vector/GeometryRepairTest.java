package org.geoetl.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;

class GeometryRepairTest {

    private final WKTReader wkt = new WKTReader();

    private GeometryRepair.Outcome repair(String text) throws Exception {
        return GeometryRepair.repair(text == null ? null : wkt.read(text), Set.of());
    }

    @Test
    void aSelfIntersectingBowtieIsMadeValidAndKeepsItsArea() throws Exception {
        GeometryRepair.Outcome o = repair("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))");
        assertThat(o.rejected()).isFalse();
        assertThat(o.repairs()).contains("made_valid");
        assertThat(o.geometry()).isInstanceOf(MultiPolygon.class);
        assertThat(o.geometry().isValid()).isTrue();
        assertThat(o.geometry().getArea()).isEqualTo(50.0);
    }

    @Test
    void aSpikeIsRemovedAndDuplicateVerticesGo() throws Exception {
        GeometryRepair.Outcome spike = repair("POLYGON ((0 0, 10 0, 10 10, 10 20, 10 10, 0 10, 0 0))");
        assertThat(spike.geometry().isValid()).isTrue();
        assertThat(spike.geometry().getArea()).isEqualTo(100.0);
        GeometryRepair.Outcome dupes = repair("POLYGON ((0 0, 10 0, 10 0, 10 0, 10 10, 0 10, 0 10, 0 0))");
        assertThat(dupes.repairs()).containsExactly("repeated_vertices_removed");
        assertThat(dupes.geometry().getNumPoints()).isEqualTo(5);
    }

    @Test
    void emptyNullAndCollectionsAreRejectedWithAReason() throws Exception {
        assertThat(repair(null).rejection()).isEqualTo("null geometry");
        assertThat(repair("POLYGON EMPTY").rejection()).isEqualTo("empty geometry");
        assertThat(repair("GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 1 1))").rejection())
                .contains("unsupported geometry type GeometryCollection");
        assertThat(repair("POLYGON ((0 0, 0 0, 0 0, 0 0))").rejected()).isTrue();
    }

    @Test
    void aPolygonCrossingTheAntimeridianIsSplitIntoTwoParts() throws Exception {
        GeometryRepair.Outcome o = repair("POLYGON ((170 -10, 190 -10, 190 10, 170 10, 170 -10))");
        assertThat(o.repairs()).contains("antimeridian_split");
        assertThat(o.geometry().getNumGeometries()).isEqualTo(2);
        assertThat(o.geometry().getEnvelopeInternal().getMaxX()).isLessThanOrEqualTo(180);
        assertThat(o.geometry().getEnvelopeInternal().getMinX()).isGreaterThanOrEqualTo(-180);
        assertThat(o.geometry().getArea()).isEqualTo(400.0);
        GeometryRepair.Outcome wrapped = repair("LINESTRING (175 0, -175 0)");
        assertThat(wrapped.repairs()).contains("antimeridian_split");
        assertThat(wrapped.geometry().getLength()).isEqualTo(10.0);
    }

    @Test
    void windingIsExteriorCounterClockwiseHolesClockwise() throws Exception {
        GeometryRepair.Outcome o = repair("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))");
        assertThat(o.repairs()).contains("winding_order_fixed");
        Polygon p = (Polygon) o.geometry().getGeometryN(0);
        assertThat(Orientation.isCCW(p.getExteriorRing().getCoordinates())).isTrue();
        assertThat(Orientation.isCCW(p.getInteriorRingN(0).getCoordinates())).isFalse();
    }

    @Test
    void pointsAndLinesArePromotedToMulti() throws Exception {
        Geometry point = repair("POINT (30 -2)").geometry();
        assertThat(point.getGeometryType()).isEqualTo("MultiPoint");
        assertThat(repair("LINESTRING (0 0, 1 1)").geometry().getGeometryType()).isEqualTo("MultiLineString");
        assertThat(repair("POINT (30 -2)").repairs()).isEmpty();
    }
}
