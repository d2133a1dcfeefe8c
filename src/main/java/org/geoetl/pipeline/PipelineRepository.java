package org.geoetl.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geoetl.engine.store.JsonColumns;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The SQL of app.job_definitions (pipelines stored as data). */
@Repository
public class PipelineRepository {

    private static final String COLUMNS = "name, version, status, definition::text AS definition, author, created_at, updated_at";

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;

    public PipelineRepository(NamedParameterJdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Creates the draft; false when the pipeline already has one. */
    public boolean insertDraft(String name, JsonNode definition, String author) {
        return jdbc.update("""
                INSERT INTO app.job_definitions (name, version, status, definition, author)
                VALUES (:name, 0, 'draft', CAST(:def AS jsonb), :author) ON CONFLICT DO NOTHING""",
                params(name).addValue("def", json.write(definition)).addValue("author", author)) == 1;
    }

    /** Replaces the draft; false when there is none. */
    public boolean updateDraft(String name, JsonNode definition, String author) {
        return jdbc.update("""
                UPDATE app.job_definitions SET definition = CAST(:def AS jsonb), author = :author, updated_at = now()
                 WHERE name = :name AND version = 0""",
                params(name).addValue("def", json.write(definition)).addValue("author", author)) == 1;
    }

    public boolean deleteDraft(String name) {
        return jdbc.update("DELETE FROM app.job_definitions WHERE name = :name AND version = 0", params(name)) == 1;
    }

    /** Publishes a definition as the next version (in the caller's transaction; a lock per name serialises concurrent publishes). */
    public int publish(String name, JsonNode definition, String author) {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtext('app.job_definitions:' || :name))", params(name), rs -> null);
        Integer version = jdbc.queryForObject("""
                INSERT INTO app.job_definitions (name, version, status, definition, author)
                SELECT :name, COALESCE(max(version), 0) + 1, 'published', CAST(:def AS jsonb), :author
                  FROM app.job_definitions WHERE name = :name
                RETURNING version""", params(name).addValue("def", json.write(definition)).addValue("author", author),
                Integer.class);
        return version == null ? 0 : version;
    }

    /** Archives a published version (new jobs no longer run it; jobs that recorded it still do); false when none. */
    public boolean archive(String name, int version) {
        return jdbc.update("""
                UPDATE app.job_definitions SET status = 'archived', updated_at = now()
                 WHERE name = :name AND version = :v AND status = 'published'""",
                params(name).addValue("v", version)) == 1;
    }

    public Optional<PipelineRow> find(String name, int version) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.job_definitions WHERE name = :name AND version = :v",
                params(name).addValue("v", version), this::map).stream().findFirst();
    }

    /** The highest published version (archived ones are not run for new jobs). */
    public Optional<Integer> latestPublished(String name) {
        return jdbc.queryForList("SELECT max(version) FROM app.job_definitions WHERE name = :name AND status = 'published'",
                params(name), Integer.class).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Every row of this pipeline, newest version first (the draft, version 0, last). */
    public List<PipelineRow> versions(String name) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.job_definitions WHERE name = :name ORDER BY version DESC",
                params(name), this::map);
    }

    /** Per pipeline: its draft if any, else its latest version. */
    public List<PipelineRow> heads() {
        return jdbc.query("""
                SELECT DISTINCT ON (name) %s FROM app.job_definitions
                 ORDER BY name, (version = 0) DESC, version DESC""".formatted(COLUMNS), Map.of(), this::map);
    }

    private static MapSqlParameterSource params(String name) {
        return new MapSqlParameterSource("name", name);
    }

    private PipelineRow map(ResultSet rs, int row) throws SQLException {
        return new PipelineRow(rs.getString("name"), rs.getInt("version"), PipelineStatus.of(rs.getString("status")),
                json.read(rs.getString("definition")), rs.getString("author"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
