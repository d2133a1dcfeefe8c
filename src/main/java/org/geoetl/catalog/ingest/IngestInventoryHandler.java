package org.geoetl.catalog.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.storage.BlobNames;
import org.geoetl.storage.BlobStorage;
import org.geoetl.storage.InvalidBlobNameException;
import org.springframework.stereotype.Component;

/**
 * ingest_collection stage 1: reads collection.json and every item sidecar it links, and lists the
 * blobs to copy. Links and asset hrefs must be relative to their document and stay inside the
 * container; anything else (a URL, a path leaving the container) fails the job before anything is
 * copied or registered. Later stages read this inventory by stage name.
 */
@Component
public class IngestInventoryHandler implements TaskHandler {

    private final IngestSources sources;

    public IngestInventoryHandler(IngestSources sources) {
        this.sources = sources;
    }

    @Override
    public String taskType() {
        return "ingest_inventory";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.LIGHT;
    }

    @Override
    public String description() {
        return "ingest_collection stage 1: reads collection.json and its item sidecars, lists the blobs to copy";
    }

    @Override
    public Class<?> paramsType() {
        return IngestStages.Job.class;
    }

    @Override
    public Map<String, Object> handle(TaskContext context) {
        IngestStages.Job job = context.params(IngestStages.Job.class);
        BlobStorage source = sources.source(job);
        String container = job.sourceContainer();
        String collectionPath = BlobNames.blob(job.collectionJsonPath());
        if (!source.exists(container, collectionPath)) {
            throw new PermanentTaskException("collection.json not found: container '" + container + "' (account "
                    + source.account() + ") has no blob '" + collectionPath + "'");
        }
        JsonNode collection = sources.readJson(source, container, collectionPath);
        if (!"Collection".equals(collection.path("type").asText()) || collection.path("id").asText().isBlank()) {
            throw new PermanentTaskException(collectionPath + " is not a STAC Collection (needs type \"Collection\" and an id)");
        }
        List<IngestStages.Entry> items = new ArrayList<>();
        int assets = 0;
        for (JsonNode link : collection.path("links")) {
            if (!"item".equals(link.path("rel").asText())) {
                continue;
            }
            String itemPath = relative(collectionPath, link.path("href").asText(), "item link");
            if (!source.exists(container, itemPath)) {
                throw new PermanentTaskException("collection links item '" + itemPath + "', which is not in container '"
                        + container + "'");
            }
            JsonNode item = sources.readJson(source, container, itemPath);
            Map<String, String> itemAssets = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = item.path("assets").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> asset = it.next();
                itemAssets.put(asset.getKey(), relative(itemPath, asset.getValue().path("href").asText(), "asset href"));
            }
            assets += itemAssets.size();
            items.add(new IngestStages.Entry(item.path("id").asText(), itemPath, itemAssets));
        }
        if (items.isEmpty()) {
            throw new PermanentTaskException(collectionPath + " links no items (no links with rel \"item\")");
        }
        ObjectNode stored = collection.deepCopy();
        stored.remove("links");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("collection_id", collection.path("id").asText());
        result.put("collection", stored);
        result.put("items", items);
        result.put("total_items", items.size());
        result.put("total_assets", assets);
        return result;
    }

    private static String relative(String base, String href, String what) {
        if (href.isBlank() || href.contains("://") || href.startsWith("/")) {
            throw new PermanentTaskException(what + " '" + href + "' in " + base + " must be a relative path");
        }
        try {
            return BlobNames.resolve(base, href);
        } catch (InvalidBlobNameException e) {
            throw new PermanentTaskException(what + " '" + href + "' in " + base + ": " + e.getMessage());
        }
    }
}
