package org.geoetl.catalog.unpublish;

import java.util.List;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stage 1 of unpublish_vector and unpublish_raster: the plan of what is there now (approved data
 * without force_approved fails the job here too, if it was approved after submit: a 4xx
 * GeoEtlException fails the task permanently). A dry run
 * reports the plan and removes nothing: stage 2 gets no task.
 */
@Configuration
public class UnpublishInventoryHandlers {

    private static UnpublishStages.Inventory inventory(boolean dryRun, UnpublishStages.Plan plan) {
        return new UnpublishStages.Inventory(dryRun, plan, dryRun ? List.of() : List.of(plan));
    }

    @Bean
    TaskHandler unpublishVectorInventory(UnpublishPlanner planner) {
        return new Handler("unpublish_vector_inventory", "unpublish_vector stage 1: what there is to remove (dry run: the plan only)",
                UnpublishStages.VectorJob.class, UnpublishStages.Inventory.class, context -> {
            UnpublishStages.VectorJob job = context.params(UnpublishStages.VectorJob.class);
            return inventory(job.dryRun(), planner.vector(job));
        });
    }

    @Bean
    TaskHandler unpublishRasterInventory(UnpublishPlanner planner) {
        return new Handler("unpublish_raster_inventory", "unpublish_raster stage 1: what there is to remove (dry run: the plan only)",
                UnpublishStages.RasterJob.class, UnpublishStages.Inventory.class, context -> {
            UnpublishStages.RasterJob job = context.params(UnpublishStages.RasterJob.class);
            return inventory(job.dryRun(), planner.raster(job));
        });
    }

    /** A light task handler from a function, with its catalogue entry (description, parameter and result records). */
    record Handler(String taskType, String description, Class<?> paramsType, Class<?> resultType,
                   java.util.function.Function<TaskContext, Object> run) implements TaskHandler {
        @Override
        public QueueClass queueClass() {
            return QueueClass.LIGHT;
        }

        @Override
        public Object handle(TaskContext context) {
            return run.apply(context);
        }
    }
}
