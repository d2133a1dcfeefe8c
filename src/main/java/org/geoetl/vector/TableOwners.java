package org.geoetl.vector;

import org.geoetl.catalog.metadata.MetadataRepository;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.security.AccessRefusedException;
import org.geoetl.security.Callers;
import org.geoetl.security.Role;
import org.springframework.stereotype.Component;

/**
 * Loaded tables have owners (app.table_catalog.owner: the submitter of the job that first loaded
 * them); only the owner or an admin replaces one. Checked at submit, for the caller, and again at
 * the swap, for the job's submitter: another user's first load may have finished in between.
 */
@Component
public class TableOwners {

    private final MetadataRepository metadata;
    private final VectorTables tables;
    private final JobRepository jobs;
    private final Callers callers;

    public TableOwners(MetadataRepository metadata, VectorTables tables, JobRepository jobs, Callers callers) {
        this.metadata = metadata;
        this.tables = tables;
        this.jobs = jobs;
        this.callers = callers;
    }

    /** The caller may overwrite this existing table (403 otherwise). */
    public void requireAtSubmit(String schema, String table) {
        if (callers.has(Role.ADMIN)) {
            return;
        }
        String owner = metadata.tableOwner(schema, table).orElse(null);
        if (!callers.name().equals(owner)) {
            throw new AccessRefusedException(403, "table " + schema + "." + table
                    + (owner == null ? " was not loaded by GeoETL" : " belongs to another user")
                    + "; only its owner or an admin may overwrite it");
        }
    }

    /** The job's submitter may replace whatever now stands under this name (fails the task otherwise). */
    public void requireAtSwap(String schema, String jobId, String table) {
        if (jobs.submitterRoles(jobId).contains(Role.ADMIN.id())) {
            return;
        }
        String submitter = jobs.submittedBy(jobId).orElse(null);
        for (String t : VectorTables.variants(table)) {
            String owner = tables.exists(schema, t) ? metadata.tableOwner(schema, t).orElse(null) : null;
            if (owner != null && !owner.equals(submitter)) {
                throw new PermanentTaskException("table " + schema + "." + t + " was loaded by another user while"
                        + " this job ran; only its owner or an admin may replace it");
            }
        }
    }
}
