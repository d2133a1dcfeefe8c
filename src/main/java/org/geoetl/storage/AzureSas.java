package org.geoetl.storage;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Read-only SAS tokens for one Azure account: signed with the account key when the connection
 * string has one, or a user delegation SAS when the service runs with an Entra identity (the
 * delegation key is fetched once a day and reused; it needs "Storage Blob Delegator" on the
 * account). A connection string with neither (a SAS of its own) cannot sign.
 */
final class AzureSas {

    enum Signer { ACCOUNT_KEY, IDENTITY, NONE }

    /** A delegation key lasts this long (Azure allows up to 7 days). */
    static final Duration DELEGATION_KEY = Duration.ofDays(1);

    private final BlobServiceClient service;
    private final Signer signer;
    private UserDelegationKey delegation;

    AzureSas(BlobServiceClient service, Signer signer) {
        this.service = service;
        this.signer = signer;
    }

    Optional<String> token(BlobClient blob, OffsetDateTime start, OffsetDateTime expiry) {
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(expiry,
                new BlobSasPermission().setReadPermission(true)).setStartTime(start.minusMinutes(5)); // clock skew
        return switch (signer) {
            case ACCOUNT_KEY -> Optional.of(blob.generateSas(values));
            case IDENTITY -> Optional.of(blob.generateUserDelegationSas(values, delegationKey(start, expiry)));
            case NONE -> Optional.empty();
        };
    }

    private synchronized UserDelegationKey delegationKey(OffsetDateTime start, OffsetDateTime expiry) {
        if (delegation == null || delegation.getSignedExpiry().isBefore(expiry)) {
            delegation = service.getUserDelegationKey(start.minusMinutes(5), expiry.plus(DELEGATION_KEY));
        }
        return delegation;
    }
}
