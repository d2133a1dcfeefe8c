package org.geoetl.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class RolesKeysAndTokensTest {

    @Test
    void adminIncludesEveryRoleAndEveryRoleIncludesReaderOnly() {
        assertThat(Role.ADMIN.effective()).containsExactlyInAnyOrder(Role.values());
        assertThat(Role.OPERATOR.effective()).containsExactlyInAnyOrder(Role.OPERATOR, Role.READER);
        assertThat(Role.SUBMITTER.effective()).doesNotContain(Role.APPROVER);
        assertThat(Role.APPROVER.effective()).doesNotContain(Role.SUBMITTER, Role.OPERATOR);
        assertThat(Role.parse("ROLE_Approver")).contains(Role.APPROVER);
        assertThat(Role.parse("superuser")).isEmpty();
    }

    @Test
    void keysHaveARecognisableShapeAndAreHashedNotStored() {
        ApiKeyFormat.NewKey a = ApiKeyFormat.generate();
        ApiKeyFormat.NewKey b = ApiKeyFormat.generate();
        assertThat(a.key()).matches("geoetl_[a-z0-9]{12}_[A-Za-z0-9_-]{43}").startsWith("geoetl_" + a.keyId() + "_");
        assertThat(a.key()).isNotEqualTo(b.key());
        assertThat(ApiKeyFormat.looksLikeKey(a.key())).isTrue();
        assertThat(ApiKeyFormat.looksLikeKey(a.key() + "x")).isFalse();
        assertThat(ApiKeyFormat.hash(a.key())).hasSize(64).doesNotContain(a.key().substring(20));
        assertThat(ApiKeyFormat.hash(a.key())).isEqualTo(ApiKeyFormat.hash(a.key()));
        assertThat(a.prefix()).hasSize(23);
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder b = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now()).subject("s-1");
        claims.forEach(b::claim);
        return b.build();
    }

    @Test
    void tokensNameTheirCallerByTheImmutableIdAndMapOnlyPrefixedRoles() {
        SecurityProperties.Oidc entra = new SecurityProperties.Oidc("https://login/x/v2.0", null, List.of("api://g"),
                "roles", "GeoEtl.", null);
        Caller person = new TokenCallers(entra).caller(jwt(Map.of("oid", "u-1", "preferred_username", "ana@example.org",
                "roles", List.of("GeoEtl.Approver", "GeoEtl.Unknown", "Other.Admin", "Admin", "geoetl.admin"))));
        assertThat(person.name()).isEqualTo("u-1");
        assertThat(person.roles()).containsExactlyInAnyOrder(Role.APPROVER, Role.READER);
        assertThat(person.kind()).isEqualTo(Caller.Kind.TOKEN);
        Caller managed = new TokenCallers(entra).caller(jwt(Map.of("oid", "mi-1", "azp", "1111-client",
                "roles", "GeoEtl.Reader")));
        assertThat(managed.name()).isEqualTo("mi-1");
        assertThat(managed.roles()).containsExactly(Role.READER);
        Caller bare = new TokenCallers(entra).caller(jwt(Map.of()));
        assertThat(bare.name()).isEqualTo("s-1");
        assertThat(bare.roles()).isEmpty();
        SecurityProperties.Oidc plain = new SecurityProperties.Oidc("https://idp", null, List.of("api://g"), "roles", "", null);
        assertThat(new TokenCallers(plain).caller(jwt(Map.of("roles", List.of("Admin", "ROLE_admin", "reader")))).roles())
                .containsExactly(Role.READER);
    }

    @Test
    void tokensAreAcceptedOnlyWithAnIssuerAndAnAudience() {
        assertThat(new SecurityProperties.Oidc(null, null, null, "roles", "", null).configured()).isFalse();
        assertThat(new SecurityProperties.Oidc(" ", "", null, "roles", "", null).configured()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                new SecurityProperties.Oidc(null, "http://idp/keys", List.of("api://g"), "roles", "", null))
                .hasMessageContaining("issuer-uri");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                new SecurityProperties.Oidc("https://idp", null, List.of(), "roles", "", null))
                .hasMessageContaining("audience");
        assertThat(new SecurityProperties.Oidc(null, null, null, "roles", "", null).principalClaims())
                .containsExactly("oid", "sub");
    }

    @Test
    void jsonBodiesAreRecognisedByMediaType() {
        assertThat(RequestLimitsFilter.isJson("application/json")).isTrue();
        assertThat(RequestLimitsFilter.isJson("application/json; charset=utf-8")).isTrue();
        assertThat(RequestLimitsFilter.isJson("application/geo+json")).isTrue();
        assertThat(RequestLimitsFilter.isJson("text/plain")).isFalse();
        assertThat(RequestLimitsFilter.isJson("application/x-www-form-urlencoded")).isFalse();
        assertThat(RequestLimitsFilter.isJson("multipart/form-data; boundary=x")).isFalse();
        assertThat(RequestLimitsFilter.isJson(null)).isFalse();
    }
}
