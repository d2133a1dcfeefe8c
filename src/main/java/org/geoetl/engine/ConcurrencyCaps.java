package org.geoetl.engine;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.geoetl.engine.store.ConcurrencyCapRepository;
import org.geoetl.engine.store.OperatorActionRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Caps on how many tasks of a type run at once across all workers ({@code app.task_type_limits},
 * set through the operator API). Under a cap, claiming takes a per-type advisory lock and counts
 * the running tasks first, so concurrent workers cannot overshoot it; such tasks are claimed one
 * per message. Limits are re-read at most once a second.
 */
@Component
public class ConcurrencyCaps {

    private final ConcurrencyCapRepository caps;
    private final OperatorActionRepository actions;
    private final TransactionTemplate tx;
    private volatile Map<String, Integer> limits = Map.of();
    private volatile long loadedAt;

    public ConcurrencyCaps(ConcurrencyCapRepository caps, OperatorActionRepository actions, TransactionTemplate tx) {
        this.caps = caps;
        this.actions = actions;
        this.tx = tx;
    }

    public Optional<Integer> capFor(String taskType) {
        if (System.currentTimeMillis() - loadedAt > 1000) {
            limits = Map.copyOf(caps.all());
            loadedAt = System.currentTimeMillis();
        }
        return Optional.ofNullable(limits.get(taskType));
    }

    /** Claims through {@code claim} unless {@code cap} tasks of the type already run; empty = at the cap. */
    public <T> Optional<T> claimUnderCap(String taskType, int cap, Supplier<T> claim) {
        return tx.execute(status -> caps.lockAndCountRunning(taskType) >= cap ? Optional.<T>empty()
                : Optional.of(claim.get()));
    }

    public void set(String taskType, Integer cap) {
        tx.executeWithoutResult(status -> {
            caps.set(taskType, cap);
            actions.record(cap == null ? "concurrency_cap_removed" : "concurrency_cap_set", taskType,
                    cap == null ? Map.of() : Map.of("max_concurrency", cap));
        });
        loadedAt = 0;
    }
}
