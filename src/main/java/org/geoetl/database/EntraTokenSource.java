package org.geoetl.database;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.time.Duration;

/**
 * Tokens from Entra ID through DefaultAzureCredential: workload identity in AKS (the federated
 * service account token), managed identity on a VM, the developer's Azure CLI login locally.
 */
public final class EntraTokenSource implements TokenSource {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final TokenCredential credential;
    private final TokenRequestContext request;

    public EntraTokenSource(String scope) {
        this(new DefaultAzureCredentialBuilder().build(), scope);
    }

    EntraTokenSource(TokenCredential credential, String scope) {
        this.credential = credential;
        this.request = new TokenRequestContext().addScopes(scope);
    }

    @Override
    public AccessToken fetch() {
        com.azure.core.credential.AccessToken token = credential.getToken(request).block(TIMEOUT);
        if (token == null) {
            throw new IllegalStateException("Entra ID issued no database token within " + TIMEOUT.toSeconds() + " s");
        }
        return new AccessToken(token.getToken(), token.getExpiresAt().toInstant());
    }
}
