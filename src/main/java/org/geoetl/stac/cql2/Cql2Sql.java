package org.geoetl.stac.cql2;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a {@link Cql2.Expr} to a WHERE fragment over stac.items. Every value and every
 * property key is a named parameter; the SQL text comes only from the fixed pieces below. Item
 * properties are typed where they are read (a number comparison only sees numbers), so a wrong
 * type in one item never fails the query.
 */
public final class Cql2Sql {

    /** The SQL and its parameters, to be ANDed into a search. */
    public record Fragment(String sql, Map<String, Object> params) {
    }

    static final Map<String, String> SPATIAL = Map.of("s_intersects", "ST_Intersects", "s_within", "ST_Within",
            "s_contains", "ST_Contains", "s_disjoint", "ST_Disjoint", "s_equals", "ST_Equals",
            "s_touches", "ST_Touches", "s_overlaps", "ST_Overlaps", "s_crosses", "ST_Crosses");
    static final Set<String> TEMPORAL = Set.of("t_intersects", "t_before", "t_after", "t_during", "t_equals");

    private enum Kind { TEXT, TIME, GEOMETRY, BOOLEAN, ITEM_PROPERTY }

    /** name: as the filter said it (for messages); sql: the column; key: an item property's name */
    private record Column(Kind kind, String name, String sql, String key) {
    }

    /** Queryables with columns of their own; every other name is an item property. */
    private static final Map<String, Column> COLUMNS = Map.of(
            "id", new Column(Kind.TEXT, "id", "id", null),
            "collection", new Column(Kind.TEXT, "collection", "collection_id", null),
            "datetime", new Column(Kind.TIME, "datetime", "start_datetime", null),
            "start_datetime", new Column(Kind.TIME, "start_datetime", "start_datetime", null),
            "end_datetime", new Column(Kind.TIME, "end_datetime", "COALESCE(end_datetime, start_datetime)", null),
            "geometry", new Column(Kind.GEOMETRY, "geometry", "geometry", null),
            "app:published", new Column(Kind.BOOLEAN, "app:published", "published", null));

    private final Map<String, Object> params = new LinkedHashMap<>();

    private Cql2Sql() {
    }

    public static Fragment compile(Cql2.Expr e) {
        Cql2Sql c = new Cql2Sql();
        return new Fragment(c.expr(e), c.params);
    }

    private String expr(Cql2.Expr e) {
        if (e instanceof Cql2.And a) {
            return join(a.args(), " AND ");
        } else if (e instanceof Cql2.Or o) {
            return join(o.args(), " OR ");
        } else if (e instanceof Cql2.Not n) {
            // SQL's three-valued NOT, as stac-fastapi-pgstac: an item without the property (or with a
            // value of another type) matches neither a comparison nor its negation
            return "NOT (" + expr(n.arg()) + ")";
        } else if (e instanceof Cql2.Literal l) {
            return l.value() ? "true" : "false";
        } else if (e instanceof Cql2.Compare c) {
            return compare(c.op(), column(c.left(), c.op()), c.right());
        } else if (e instanceof Cql2.Like l) {
            return like(column(l.value(), "like"), l.pattern());
        } else if (e instanceof Cql2.Between b) {
            return "(" + compare(">=", column(b.value(), "between"), b.low()) + " AND "
                    + compare("<=", column(b.value(), "between"), b.high()) + ")";
        } else if (e instanceof Cql2.In i) {
            return in(column(i.value(), "in"), i.list());
        } else if (e instanceof Cql2.IsNull n) {
            return isNull(column(n.value(), "isNull"));
        } else if (e instanceof Cql2.Spatial sp) {
            return spatial(sp);
        }
        return temporal((Cql2.Temporal) e);
    }

    private String join(List<Cql2.Expr> args, String op) {
        List<String> parts = new ArrayList<>();
        args.forEach(a -> parts.add(expr(a)));
        return "(" + String.join(op, parts) + ")";
    }

    private Column column(Cql2.Operand o, String op) {
        if (!(o instanceof Cql2.Property p)) {
            throw new Cql2Exception(op + ": the first argument must be a property (a value was given)");
        }
        Column known = COLUMNS.get(p.name());
        return known != null ? known : new Column(Kind.ITEM_PROPERTY, p.name(), null, p.name());
    }

    private String param(Object value) {
        String name = "cql" + params.size();
        params.put(name, value);
        return ":" + name;
    }

    private String json(Column c) {
        return "(content->'properties'->" + param(c.key()) + ")";
    }

    private String compare(String op, Column c, Cql2.Operand value) {
        boolean equality = op.equals("=") || op.equals("<>");
        if (value instanceof Cql2.Text t) {
            if (c.kind() == Kind.TEXT) {
                return c.sql() + " " + op + " " + param(t.value());
            }
            if (c.kind() == Kind.ITEM_PROPERTY) {
                return typed(c, "string", "->>", "") + " " + op + " " + param(t.value());
            }
            throw mismatch(c, "a string");
        }
        if (value instanceof Cql2.Number n) {
            if (c.kind() != Kind.ITEM_PROPERTY) {
                throw mismatch(c, "a number");
            }
            return typed(c, "number", "->>", "::numeric") + " " + op + " " + param(n.value());
        }
        if (value instanceof Cql2.Bool b) {
            if (!equality) {
                throw new Cql2Exception(op + ": booleans compare with = and <> only");
            }
            if (c.kind() == Kind.BOOLEAN) {
                return c.sql() + " " + op + " " + param(b.value());
            }
            if (c.kind() != Kind.ITEM_PROPERTY) {
                throw mismatch(c, "a boolean");
            }
            return typed(c, "boolean", "->>", "::boolean") + " " + op + " " + param(b.value());
        }
        if (value instanceof Cql2.Instant i) {
            if (c.kind() != Kind.TIME) {
                throw mismatch(c, "a timestamp");
            }
            return c.sql() + " " + op + " " + param(Timestamp.from(i.value().toInstant()));
        }
        if (value instanceof Cql2.Property) {
            throw new Cql2Exception(op + ": comparing two properties is not supported");
        }
        throw new Cql2Exception(op + ": cannot compare with a geometry or an interval");
    }

    /** An item property read as {@code type} only where it has that JSON type (else NULL, so false). */
    private String typed(Column c, String type, String accessor, String cast) {
        String key = param(c.key());
        return "(CASE WHEN jsonb_typeof(content->'properties'->" + key + ") = '" + type
                + "' THEN (content->'properties'" + accessor + key + ")" + cast + " END)";
    }

    private String like(Column c, Cql2.Operand pattern) {
        if (!(pattern instanceof Cql2.Text t)) {
            throw new Cql2Exception("like: the pattern must be a string");
        }
        if (c.kind() == Kind.TEXT) {
            return c.sql() + " LIKE " + param(t.value());
        }
        if (c.kind() == Kind.ITEM_PROPERTY) {
            return typed(c, "string", "->>", "") + " LIKE " + param(t.value());
        }
        throw mismatch(c, "a string pattern");
    }

    private String in(Column c, List<Cql2.Operand> list) {
        List<String> parts = new ArrayList<>();
        list.forEach(v -> parts.add(compare("=", c, v)));
        return "(" + String.join(" OR ", parts) + ")";
    }

    private String isNull(Column c) {
        return c.kind() == Kind.ITEM_PROPERTY ? "(" + json(c) + " IS NULL OR jsonb_typeof(" + json(c) + ") = 'null')"
                : c.sql() + " IS NULL";
    }

    private String spatial(Cql2.Spatial s) {
        Column c = column(s.left(), s.op());
        if (c.kind() != Kind.GEOMETRY) {
            throw new Cql2Exception(s.op() + ": only geometry is a spatial queryable");
        }
        if (!(s.right() instanceof Cql2.Geometry g)) {
            throw new Cql2Exception(s.op() + ": the second argument must be a geometry");
        }
        return SPATIAL.get(s.op()) + "(geometry, ST_GeomFromText(" + param(g.wkt()) + ", 4326))";
    }

    private String temporal(Cql2.Temporal t) {
        Column c = column(t.left(), t.op());
        if (c.kind() != Kind.TIME) {
            throw new Cql2Exception(t.op() + ": only datetime, start_datetime and end_datetime are temporal queryables");
        }
        java.time.OffsetDateTime from;
        java.time.OffsetDateTime to;
        if (t.right() instanceof Cql2.Instant i) {
            from = i.value();
            to = i.value();
        } else if (t.right() instanceof Cql2.Interval iv) {
            from = iv.start();
            to = iv.end();
        } else {
            throw new Cql2Exception(t.op() + ": the second argument must be a timestamp, date or interval");
        }
        // an item spans [start_datetime, end_datetime] (a single datetime: both the same)
        String start = "start_datetime";
        String end = "COALESCE(end_datetime, start_datetime)";
        List<String> parts = new ArrayList<>();
        String op = t.op();
        if (op.equals("t_intersects")) {
            if (to != null) {
                parts.add(start + " <= " + time(to));
            }
            if (from != null) {
                parts.add(end + " >= " + time(from));
            }
        } else if (op.equals("t_before")) {
            parts.add(end + " < " + time(required(from, t)));
        } else if (op.equals("t_after")) {
            parts.add(start + " > " + time(required(to, t)));
        } else if (op.equals("t_during")) {
            if (from != null) {
                parts.add(start + " > " + time(from));
            }
            if (to != null) {
                parts.add(end + " < " + time(to));
            }
        } else { // t_equals
            parts.add(start + " = " + time(required(from, t)));
            parts.add(end + " = " + time(required(to, t)));
        }
        return parts.isEmpty() ? "(" + start + " IS NOT NULL)" : "(" + String.join(" AND ", parts) + ")";
    }

    private String time(java.time.OffsetDateTime t) {
        return param(Timestamp.from(t.toInstant()));
    }

    private static java.time.OffsetDateTime required(java.time.OffsetDateTime v, Cql2.Temporal t) {
        if (v == null) {
            throw new Cql2Exception(t.op() + ": an open interval end cannot be compared here");
        }
        return v;
    }

    private static Cql2Exception mismatch(Column c, String what) {
        return new Cql2Exception(c.name() + " cannot be compared with " + what);
    }
}
