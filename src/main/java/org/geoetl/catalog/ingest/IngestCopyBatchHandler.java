package org.geoetl.catalog.ingest;

import java.io.InputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
    public String description() {
        return "ingest_collection stage 2, one task per batch: copies items and assets into the target container";
    }

    @Override
    public Class<?> paramsType() {
        return IngestStages.Job.class;
    }

    @Override
    public Class<?> resultType() {
        return IngestStages.Copied.class;
    }

    @Override
    public IngestStages.Copied handle(TaskContext context) {
        IngestStages.Job job = context.params(IngestStages.Job.class);
        BlobStorage source = sources.source(job);
        BlobStorage target = sources.target(job);
        String from = job.sourceContainer();
        String to = job.targetContainer();
        boolean overwrite = job.overwrite();
        if (job.createTargetContainer()) {
            target.ensureContainer(to);
        } else if (!target.containerExists(to)) {
            throw new org.geoetl.engine.handler.PermanentTaskException("target container '" + to
                    + "' does not exist; create it or set create_target_container=true");
        }
        int copied = 0;
        int skipped = 0;
        long bytes = 0;
        for (IngestStages.Entry item : context.taskParams(IngestStages.Batch.class).items()) {
            List<String> blobs = new ArrayList<>();
            blobs.add(item.itemBlob());
            blobs.addAll(item.assets().values());
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
        return new IngestStages.Copied(copied, skipped, bytes);
    }
}
