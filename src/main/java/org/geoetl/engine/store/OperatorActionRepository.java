package org.geoetl.engine.store;

import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** app.operator_actions: operator verbs that are not about one running job (queues, caps, deletions). */
@Repository
public class OperatorActionRepository {

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;

    public OperatorActionRepository(NamedParameterJdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(String action, String target, Object details) {
        jdbc.update("INSERT INTO app.operator_actions (action, target, details) VALUES (:a, :t, CAST(:d AS jsonb))",
                Map.of("a", action, "t", target, "d", json.write(details == null ? Map.of() : details)));
    }
}
