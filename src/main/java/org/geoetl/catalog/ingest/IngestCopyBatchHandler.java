package org.geoetl.catalog.ingest;

import java.io.InputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.engine.handler.TransientTaskException;
import org.geoetl.storage.BlobStorage;
import org.springframework.stereotype.Component;

/**
 * ingest_collection stage 2 (one task per batch of items): copies each item's sidecar and assets to
 * the same names in the target container, skipping blobs already there unless overwrite. Each copy
 * is an atomic write under a deterministic name, so a retried batch redoes only what is missing.
 */
@Component
public class IngestCopyBatchHandler implements TaskHandler {

    private final IngestSources sources;

    public IngestCopyBatchHandler(IngestSources sources) {
        this.sources = sources;
    }

    @Override
    public String taskType() {
        return "ingest_copy_batch";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.LIGHT;
    }

    @Override
    public Map<String, Object> handle(TaskContext context) {
        Map<String, Object> job = context.jobParameters();
        BlobStorage source = sources.source(job);
        BlobStorage target = sources.target(job);
        String from = IngestSources.sourceContainer(job);
        String to = IngestSources.targetContainer(job);
        boolean overwrite = Boolean.TRUE.equals(job.get("overwrite"));
        target.ensureContainer(to);
        int copied = 0;
        int skipped = 0;
        long bytes = 0;
        for (Object o : (List<?>) context.taskParameters().get("items")) {
            Map<?, ?> item = (Map<?, ?>) o;
            List<String> blobs = new ArrayList<>();
            blobs.add((String) item.get("item_blob"));
            ((Map<?, ?>) item.get("assets")).values().forEach(v -> blobs.add((String) v));
            for (String blob : blobs) {
                if (!overwrite && target.exists(to, blob)) {
                    skipped++;
                    continue;
                }
                try (InputStream in = source.open(from, blob)) {
                    bytes += target.put(to, blob, in, Long.MAX_VALUE, null).size();
                } catch (IOException e) {
                    throw new TransientTaskException("copying " + from + "/" + blob + ": " + e.getMessage(), e);
                }
                copied++;
            }
        }
        return Map.of("files_copied", copied, "files_skipped", skipped, "bytes_copied", bytes);
    }
}
