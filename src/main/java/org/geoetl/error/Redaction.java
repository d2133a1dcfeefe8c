package org.geoetl.error;

import java.util.regex.Pattern;

/**
 * Takes internals out of text that users will read (task errors, job events): SQL statements,
 * absolute file paths (reduced to the file name), connection strings and secrets. Our own error
 * messages are written clean; this guards the messages of libraries (JDBC, GDAL, the JDK).
 */
public final class Redaction {

    private static final Pattern SQL_IN_BRACKETS = Pattern.compile("(?i)\\b(SQL(?: grammar)?|statement) \\[[^\\]]*]");
    /** Statements by their shape (keyword pairs), so plain words like "copy" or "update" stay. */
    private static final Pattern SQL_STATEMENT = Pattern.compile("(?is)\\b(SELECT\\b.{1,400}?\\bFROM|INSERT\\s+INTO"
            + "|UPDATE\\s+\\S+\\s+SET|DELETE\\s+FROM|CREATE\\s+(UNLOGGED\\s+)?(TABLE|INDEX|SCHEMA)|ALTER\\s+TABLE"
            + "|DROP\\s+TABLE|COPY\\s+\\S+\\s+(\\([^)]*\\)\\s*)?(FROM|TO)\\s+STDIN)\\b.*");
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.:/])/(?:[\\w.@%+=,-]+/)+([\\w.@%+=,-]+)");
    private static final Pattern JDBC = Pattern.compile("jdbc:[^\\s'\"]+");
    private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s:@]+:[^@\\s/]+@");
    private static final Pattern SECRET = Pattern.compile(
            "(?i)\\b(AccountKey|SharedAccessSignature|password|passwd|pwd|sig|key|api_key|apikey|token|access_token"
            + "|secret|client_secret)=[^;&\\s'\"]+|geoetl_[a-z0-9]{12}_[A-Za-z0-9_-]{43}");

    private Redaction() {
    }

    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String t = SQL_IN_BRACKETS.matcher(text).replaceAll("$1 [omitted]");
        t = SQL_STATEMENT.matcher(t).replaceAll("[SQL omitted]");
        t = JDBC.matcher(t).replaceAll("[connection omitted]");
        t = USERINFO.matcher(t).replaceAll("$1[credentials omitted]@");
        t = SECRET.matcher(t).replaceAll("[secret omitted]");
        return ABSOLUTE_PATH.matcher(t).replaceAll("…/$1");
    }
}
