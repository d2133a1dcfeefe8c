package org.geoetl.catalog;

import java.util.List;
import org.geoetl.engine.params.FieldError;
import org.geoetl.engine.params.ParameterValidationException;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.security.AccessRefusedException;
import org.geoetl.security.Callers;
import org.geoetl.security.Role;
import org.geoetl.stac.StacStore;
import org.geoetl.storage.InvalidBlobNameException;
import org.geoetl.storage.StorageAccounts;
import org.springframework.stereotype.Component;

/**
 * Who may make a job write where, checked at submit: published zones take an admin, and replacing
 * a catalogued item needs the submitter of the job that produced it (or an admin). Without this a
 * submitter could reach published data through a job where the storage API refuses them.
 */
@Component
public class OutputRights {

    private final StacStore stac;
    private final JobRepository jobs;
    private final Callers callers;
    private final StorageAccounts accounts;

    public OutputRights(StacStore stac, JobRepository jobs, Callers callers, StorageAccounts accounts) {
        this.stac = stac;
        this.jobs = jobs;
        this.callers = callers;
        this.accounts = accounts;
    }

    /**
     * A job's output container: a valid name in a zone that takes outputs (400 otherwise, e.g. raw
     * input in bronze), and a published zone only for admins.
     */
    public void requireZone(String parameter, String container) {
        try {
            if (!accounts.outputAllowed(container)) {
                throw new InvalidBlobNameException(parameter + " '" + container + "' is in zone "
                        + accounts.zone(container).id() + ", which takes no job outputs (geoetl.storage.output-zones)");
            }
        } catch (InvalidBlobNameException e) {
            throw new ParameterValidationException(List.of(new FieldError(parameter, e.getMessage())));
        }
        if (accounts.published(container) && !callers.has(Role.ADMIN)) {
            throw new AccessRefusedException(403, parameter + " '" + container + "' is in a published zone ("
                    + accounts.zone(container).id() + "); only admins run jobs that write into it");
        }
    }

    /** Replacing an item a job produced: its submitter or an admin. */
    public void requireItemOwner(String collectionId, String itemId) {
        if (callers.has(Role.ADMIN)) {
            return;
        }
        String owner = stac.itemJob(collectionId, itemId).flatMap(jobs::submittedBy).orElse(null);
        if (owner != null && !owner.equals(callers.name())) {
            throw new AccessRefusedException(403, "item " + itemId + " of collection " + collectionId
                    + " was produced by another user's job; only they or an admin may replace it");
        }
    }

    public void requireAdmin(String why) {
        if (!callers.has(Role.ADMIN)) {
            throw new AccessRefusedException(403, why + "; it needs the admin role");
        }
    }
}
