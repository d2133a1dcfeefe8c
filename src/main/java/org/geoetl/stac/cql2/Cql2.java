package org.geoetl.stac.cql2;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A CQL2 filter as a tree: what both encodings (text and JSON) parse into and {@link Cql2Sql}
 * compiles. Only these node kinds exist, so nothing else can reach the SQL.
 */
public final class Cql2 {

    private Cql2() {
    }

    /** A boolean expression. */
    public sealed interface Expr permits And, Or, Not, Compare, Like, Between, In, IsNull, Spatial, Temporal, Literal {
    }

    /** An operand: a property, a literal value, a geometry, a time or an interval. */
    public sealed interface Operand permits Property, Text, Number, Bool, Geometry, Instant, Interval {
    }

    public record And(List<Expr> args) implements Expr { }
    public record Or(List<Expr> args) implements Expr { }
    public record Not(Expr arg) implements Expr { }
    /** op: = &lt;&gt; &lt; &lt;= &gt; &gt;= */
    public record Compare(String op, Operand left, Operand right) implements Expr { }
    public record Like(Operand value, Operand pattern) implements Expr { }
    public record Between(Operand value, Operand low, Operand high) implements Expr { }
    public record In(Operand value, List<Operand> list) implements Expr { }
    public record IsNull(Operand value) implements Expr { }
    /** op: s_intersects, s_within, s_contains, s_disjoint, s_equals, s_touches, s_overlaps, s_crosses */
    public record Spatial(String op, Operand left, Operand right) implements Expr { }
    /** op: t_intersects, t_before, t_after, t_during, t_equals */
    public record Temporal(String op, Operand left, Operand right) implements Expr { }
    /** A bare TRUE or FALSE. */
    public record Literal(boolean value) implements Expr { }

    public record Property(String name) implements Operand { }
    public record Text(String value) implements Operand { }
    public record Number(BigDecimal value) implements Operand { }
    public record Bool(boolean value) implements Operand { }
    /** A geometry (from GeoJSON, WKT or BBOX) already validated, as WKT in EPSG:4326 (CRS84 axis order). */
    public record Geometry(String wkt) implements Operand { }
    public record Instant(OffsetDateTime value) implements Operand { }
    /** start or end null: open ("..") */
    public record Interval(OffsetDateTime start, OffsetDateTime end) implements Operand { }
}
