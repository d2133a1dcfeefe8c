package org.geoetl.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** app.audit_log: every mutating call and every denied one. */
@Repository
public class AuditRepository {

    /** One audited request. */
    public record Entry(Instant at, String principal, String authKind, List<String> roles, String method,
                        String path, List<String> targetIds, int status, String outcome, String errorId,
                        String remoteAddr) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public AuditRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Entry e) {
        jdbc.update("INSERT INTO app.audit_log (at, principal, auth_kind, roles, method, path, target_ids, status,"
                        + " outcome, error_id, remote_addr) VALUES (:at, :principal, :kind, :roles::text[], :method,"
                        + " :path, :targets::text[], :status, :outcome, :errorId, :remote)",
                new MapSqlParameterSource("at", Timestamp.from(e.at())).addValue("principal", e.principal())
                        .addValue("kind", e.authKind()).addValue("roles", array(e.roles()))
                        .addValue("method", e.method()).addValue("path", e.path())
                        .addValue("targets", array(e.targetIds())).addValue("status", e.status())
                        .addValue("outcome", e.outcome()).addValue("errorId", e.errorId())
                        .addValue("remote", e.remoteAddr()));
    }

    /** Newest first, optionally one principal's, one outcome's, or after a time. */
    public List<Map<String, Object>> find(String principal, String outcome, Instant after, int limit) {
        return jdbc.queryForList("""
                SELECT audit_id, at, principal, auth_kind, roles::text AS roles, method, path,
                       target_ids::text AS target_ids, status, outcome, error_id, remote_addr
                  FROM app.audit_log
                 WHERE (CAST(:principal AS text) IS NULL OR principal = :principal)
                   AND (CAST(:outcome AS text) IS NULL OR outcome = :outcome)
                   AND (CAST(:after AS timestamptz) IS NULL OR at > :after)
                 ORDER BY at DESC, audit_id DESC LIMIT :limit""",
                new MapSqlParameterSource("principal", principal).addValue("outcome", outcome)
                        .addValue("after", after == null ? null : Timestamp.from(after)).addValue("limit", limit));
    }

    /** A text[] literal; values are quoted so commas and braces in a path id cannot split them. */
    private static String array(List<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
