package org.geoetl.storage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** app.blob_uploads: who uploaded each blob through the storage API. */
@Repository
public class BlobUploadRepository {

    private final NamedParameterJdbcTemplate jdbc;

    public BlobUploadRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> owner(String account, String container, String name) {
        return jdbc.queryForList("SELECT owner FROM app.blob_uploads WHERE account = :a AND container = :c AND name = :n",
                params(account, container, name), String.class).stream().findFirst();
    }

    public void record(String account, String container, String name, String owner, Instant at) {
        jdbc.update("""
                INSERT INTO app.blob_uploads (account, container, name, owner, uploaded_at) VALUES (:a, :c, :n, :o, :at)
                ON CONFLICT (account, container, name) DO UPDATE SET owner = EXCLUDED.owner, uploaded_at = EXCLUDED.uploaded_at""",
                params(account, container, name).addValue("o", owner).addValue("at", Timestamp.from(at)));
    }

    public void forget(String account, String container, String name) {
        jdbc.update("DELETE FROM app.blob_uploads WHERE account = :a AND container = :c AND name = :n",
                params(account, container, name));
    }

    private static MapSqlParameterSource params(String account, String container, String name) {
        return new MapSqlParameterSource("a", account).addValue("c", container).addValue("n", name);
    }
}
