package org.geoetl.stac.cql2;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CQL2 text ({@code "eo:cloud_cover" < 20 AND S_INTERSECTS(geometry, POLYGON(…))}) into a
 * {@link Cql2.Expr}: a recursive-descent parser over the characters. Anything it does not know is
 * an error naming the character where it stopped — never passed on.
 */
public final class Cql2Text {

    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z_][A-Za-z0-9_:.\\-]{0,127}");
    private static final Set<String> WKT = Set.of("POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING",
            "MULTIPOLYGON", "GEOMETRYCOLLECTION");
    private static final Set<String> RESERVED = Set.of("AND", "OR", "NOT", "LIKE", "BETWEEN", "IN", "IS", "NULL",
            "TRUE", "FALSE");
    private static final int MAX_DEPTH = 50;

    private final String s;
    private int pos;
    private int depth;

    private Cql2Text(String s) {
        this.s = s;
    }

    public static Cql2.Expr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new Cql2Exception("the filter is empty");
        }
        Cql2Text p = new Cql2Text(text);
        Cql2.Expr e = p.or();
        p.skip();
        if (p.pos < p.s.length()) {
            throw p.error("unexpected '" + p.s.charAt(p.pos) + "'");
        }
        return e;
    }

    /** A property name as the filter may use it (a plain name, possibly prefixed: eo:cloud_cover). */
    static String propertyName(String name, String at) {
        if (!PROPERTY.matcher(name).matches()) {
            throw new Cql2Exception(at + ": '" + Cql2Json.abbreviate(name) + "' is not a property name");
        }
        return name;
    }

    private Cql2.Expr or() {
        List<Cql2.Expr> args = new ArrayList<>(List.of(and()));
        while (keyword("OR")) {
            args.add(and());
        }
        return args.size() == 1 ? args.get(0) : new Cql2.Or(args);
    }

    private Cql2.Expr and() {
        List<Cql2.Expr> args = new ArrayList<>(List.of(not()));
        while (keyword("AND")) {
            args.add(not());
        }
        return args.size() == 1 ? args.get(0) : new Cql2.And(args);
    }

    private Cql2.Expr not() {
        if (++depth > MAX_DEPTH) {
            throw error("the filter nests deeper than " + MAX_DEPTH + " levels");
        }
        try {
            return keyword("NOT") ? new Cql2.Not(not()) : primary();
        } finally {
            depth--;
        }
    }

    private Cql2.Expr primary() {
        if (symbol("(")) {
            Cql2.Expr e = or();
            expect(")");
            return e;
        }
        int start = pos;
        String word = peekWord();
        if (word != null) {
            String op = word.toLowerCase(Locale.ROOT);
            if (Cql2Sql.SPATIAL.containsKey(op) || Cql2Sql.TEMPORAL.contains(op)) {
                pos += word.length();
                expect("(");
                Cql2.Operand a = operand();
                expect(",");
                Cql2.Operand b = operand();
                expect(")");
                return Cql2Sql.SPATIAL.containsKey(op) ? new Cql2.Spatial(op, a, b) : new Cql2.Temporal(op, a, b);
            }
        }
        Cql2.Operand left = operand();
        return predicate(left, start);
    }

    private Cql2.Expr predicate(Cql2.Operand left, int start) {
        for (String op : List.of("<>", "<=", ">=", "=", "<", ">")) {
            if (symbol(op)) {
                return new Cql2.Compare(op, left, operand());
            }
        }
        boolean negated = keyword("NOT");
        Cql2.Expr e;
        if (keyword("LIKE")) {
            e = new Cql2.Like(left, operand());
        } else if (keyword("BETWEEN")) {
            Cql2.Operand low = operand();
            if (!keyword("AND")) {
                throw error("BETWEEN needs AND");
            }
            e = new Cql2.Between(left, low, operand());
        } else if (keyword("IN")) {
            expect("(");
            List<Cql2.Operand> list = new ArrayList<>(List.of(operand()));
            while (symbol(",")) {
                list.add(operand());
            }
            expect(")");
            e = new Cql2.In(left, list);
        } else if (!negated && keyword("IS")) {
            boolean not = keyword("NOT");
            if (!keyword("NULL")) {
                throw error("expected NULL");
            }
            return not ? new Cql2.Not(new Cql2.IsNull(left)) : new Cql2.IsNull(left);
        } else if (!negated && left instanceof Cql2.Bool b) {
            return new Cql2.Literal(b.value());
        } else {
            pos = Math.max(pos, start);
            throw error("expected a comparison, LIKE, BETWEEN, IN or IS NULL");
        }
        return negated ? new Cql2.Not(e) : e;
    }

    private Cql2.Operand operand() {
        skip();
        if (pos >= s.length()) {
            throw error("the filter ends where a value was expected");
        }
        char c = s.charAt(pos);
        if (c == '\'') {
            return new Cql2.Text(string());
        }
        if (c == '"') {
            int end = s.indexOf('"', pos + 1);
            if (end < 0) {
                throw error("unterminated quoted property name");
            }
            String name = s.substring(pos + 1, end);
            pos = end + 1;
            return new Cql2.Property(propertyName(name, "at character " + (pos + 1)));
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            return new Cql2.Number(number());
        }
        String word = peekWord();
        if (word == null) {
            throw error("unexpected '" + c + "'");
        }
        String upper = word.toUpperCase(Locale.ROOT);
        pos += word.length();
        switch (upper) {
            case "TRUE": return new Cql2.Bool(true);
            case "FALSE": return new Cql2.Bool(false);
            case "TIMESTAMP", "DATE": {
                expect("(");
                String t = string();
                expect(")");
                return new Cql2.Instant(Cql2Times.instant(t, "at character " + pos));
            }
            case "INTERVAL": {
                expect("(");
                String a = string();
                expect(",");
                String b = string();
                expect(")");
                return Cql2Times.interval(a, b, "at character " + pos);
            }
            case "BBOX": {
                expect("(");
                double[] v = new double[4];
                for (int i = 0; i < 4; i++) {
                    if (i > 0) {
                        expect(",");
                    }
                    v[i] = number().doubleValue();
                }
                expect(")");
                return Cql2Geometries.bbox(v[0], v[1], v[2], v[3], "at character " + pos);
            }
            default:
                break;
        }
        if (WKT.contains(upper)) {
            return Cql2Geometries.wkt(upper + wktBody(), "at character " + pos);
        }
        if (RESERVED.contains(upper)) {
            pos -= word.length();
            throw error("'" + word + "' where a value was expected");
        }
        return new Cql2.Property(propertyName(word, "at character " + pos));
    }

    /** The parenthesised rest of a WKT literal, of coordinates only (what JTS then reads). */
    private String wktBody() {
        skip();
        int start = pos;
        int level = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '(') {
                level++;
            } else if (c == ')') {
                if (--level == 0) {
                    return s.substring(start, pos);
                }
            } else if (!(Character.isDigit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'
                    || c == ',' || Character.isWhitespace(c) || Character.isLetter(c))) {
                throw error("unexpected '" + c + "' in a geometry");
            }
            if (level == 0 && !Character.isWhitespace(c)) {
                throw error("a geometry starts with '('");
            }
        }
        throw error("unterminated geometry");
    }

    private String string() {
        skip();
        if (pos >= s.length() || s.charAt(pos) != '\'') {
            throw error("expected a quoted string");
        }
        StringBuilder out = new StringBuilder();
        for (pos++; pos < s.length(); pos++) {
            char c = s.charAt(pos);
            if (c == '\'') {
                if (pos + 1 < s.length() && s.charAt(pos + 1) == '\'') {
                    out.append('\'');
                    pos++;
                } else {
                    pos++;
                    return out.toString();
                }
            } else {
                out.append(c);
            }
        }
        throw error("unterminated string");
    }

    private BigDecimal number() {
        skip();
        int start = pos;
        if (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
            pos++;
        }
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || ".eE".indexOf(s.charAt(pos)) >= 0
                || ((s.charAt(pos) == '-' || s.charAt(pos) == '+') && "eE".indexOf(s.charAt(pos - 1)) >= 0))) {
            pos++;
        }
        try {
            return new BigDecimal(s.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("not a number");
        }
    }

    private String peekWord() {
        skip();
        int end = pos;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || "_:.-".indexOf(s.charAt(end)) >= 0)) {
            end++;
        }
        return end == pos || !Character.isLetter(s.charAt(pos)) && s.charAt(pos) != '_' ? null : s.substring(pos, end);
    }

    private boolean keyword(String k) {
        String w = peekWord();
        if (w != null && w.equalsIgnoreCase(k)) {
            pos += w.length();
            return true;
        }
        return false;
    }

    private boolean symbol(String sym) {
        skip();
        if (s.startsWith(sym, pos)) {
            pos += sym.length();
            return true;
        }
        return false;
    }

    private void expect(String sym) {
        if (!symbol(sym)) {
            throw error("expected '" + sym + "'");
        }
    }

    private void skip() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private Cql2Exception error(String what) {
        return new Cql2Exception("filter, at character " + (pos + 1) + ": " + what);
    }
}
