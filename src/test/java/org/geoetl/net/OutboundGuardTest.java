package org.geoetl.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geoetl.net.OutboundRefusedException.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.unit.DataSize;

/** Pure unit tests of the policy: no DNS (a fake resolver), no sockets. */
class OutboundGuardTest {

    /** Names the fake DNS knows; anything else is "unknown". Every lookup is recorded. */
    private final Map<String, InetAddress[]> dns = Map.of(
            "a.example.org", addresses("93.184.215.14"),
            "b.a.example.org", addresses("93.184.215.15"),
            "example.org", addresses("93.184.215.16"),
            "example.org.evil.com", addresses("93.184.215.17"),
            "evilexample.org", addresses("93.184.215.18"),
            "rebind.example.org", addresses("93.184.215.14", "10.0.0.1"),
            "localhost", addresses("127.0.0.1"));
    private final List<String> lookups = new ArrayList<>();
    private final OutboundGuard.Resolver resolver = host -> {
        lookups.add(host);
        InetAddress[] answer = dns.get(host);
        if (answer == null) {
            throw new UnknownHostException(host);
        }
        return answer;
    };

    private static InetAddress[] addresses(String... literals) {
        InetAddress[] result = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            try {
                result[i] = InetAddress.getByName(literals[i]); // literals only: parsed, never looked up
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return result;
    }

    private static OutboundProperties policy(List<String> hosts, List<String> privateHosts) {
        return new OutboundProperties(List.of("http", "https"), hosts, privateHosts,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 3, DataSize.ofKilobytes(1));
    }

    private OutboundGuard guard(List<String> hosts, List<String> privateHosts) {
        return new OutboundGuard(policy(hosts, privateHosts), resolver);
    }

    private OutboundRefusedException refusal(OutboundGuard guard, String uri) {
        OutboundRefusedException e = catchThrowableOfType(OutboundRefusedException.class, () -> guard.check(URI.create(uri)));
        assertThat(e).as("refusal of " + uri).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        return e;
    }

    /** Each literal's host is in allowed-hosts, so only the address rule can refuse it. */
    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1/", "http://127.255.255.254/", "http://[::1]/",
        "http://10.0.0.1/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
        "http://[fc00::1]/", "http://[fd00:ec2::254]/",
        "http://169.254.169.254/latest/meta-data/", "http://169.254.0.1/", "http://[fe80::1]/",
        "http://100.64.0.1/", "http://100.127.255.254/", "http://0.0.0.0/", "http://0.1.2.3/",
        "http://224.0.0.1/", "http://239.255.255.250/", "http://[ff02::1]/", "http://255.255.255.255/",
        "http://240.0.0.1/", "http://[::]/",
        "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[::ffff:169.254.169.254]/",
        "http://[::ffff:10.0.0.1]/", "http://[::127.0.0.1]/", "http://[::ffff:0:10.0.0.1]/",
        "http://[2002:7f00:1::]/", "http://[2002:a9fe:a9fe::1]/", "http://[64:ff9b::a00:1]/",
        "http://[64:ff9b::a9fe:a9fe]/", "http://[2001::1]/", "http://[fec0::1]/",
        "http://192.0.2.1/", "http://198.51.100.1/", "http://203.0.113.1/", "http://198.18.0.1/",
        "http://[2001:db8::1]/"})
    void refusesEveryBlockedAddressClass(String uri) {
        String host = OutboundGuard.hostOf(URI.create(uri));
        OutboundRefusedException e = refusal(guard(List.of(host), List.of()), uri);
        assertThat(e.rule()).isEqualTo(Rule.BLOCKED_ADDRESS);
        assertThat(e.host()).isEqualTo(host);
        assertThat(e.getMessage()).contains(host).contains("blocked range");
        assertThat(lookups).as("literals are parsed, never looked up").isEmpty();
    }

    /** Neighbours just outside the blocked ranges stay allowed: the ranges are not over-broad. */
    @ParameterizedTest
    @ValueSource(strings = {
        "http://93.184.215.14/", "http://172.15.255.255/", "http://172.32.0.1/", "http://100.63.255.255/",
        "http://100.128.0.1/", "http://169.253.255.255/", "http://11.0.0.1/", "http://192.169.0.1/",
        "http://223.255.255.254/", "http://[2606:4700:4700::1111]/", "http://[2002:5db8:d70e::1]/",
        "http://[64:ff9b::5db8:d70e]/"})
    void allowsPublicNeighbours(String uri) throws Exception {
        String host = OutboundGuard.hostOf(URI.create(uri));
        assertThat(guard(List.of(host), List.of()).check(URI.create(uri)).host()).isEqualTo(host);
    }

    @Test
    void allowedPublicLiteralPassesWithoutLookupOrConnection() throws Exception {
        URI uri = URI.create("https://93.184.215.14/data.json?page=2");
        VettedTarget target = guard(List.of("93.184.215.14"), List.of()).check(uri);
        assertThat(target.uri()).isEqualTo(uri);
        assertThat(target.host()).isEqualTo("93.184.215.14");
        assertThat(target.addresses()).containsExactly(InetAddress.getByName("93.184.215.14"));
        assertThat(lookups).isEmpty();
    }

    /** Refused outright, even when the exact spelling is allow-listed and private addresses are tolerated. */
    @ParameterizedTest
    @ValueSource(strings = {"http://2130706433/", "http://017700000001/", "http://0x7f.1/", "http://0x7f000001/",
        "http://127.1/", "http://0177.0.0.1/", "http://127.000.000.001/", "http://127.0.0.1./", "http://0/"})
    void refusesNonCanonicalNumericHosts(String uri) {
        String spelling = URI.create(uri).getRawAuthority();
        OutboundRefusedException e = refusal(guard(List.of(spelling), List.of(spelling)), uri);
        // java.net.URI already rejects some spellings as hosts (no host); the guard refuses the rest
        assertThat(e.rule()).isIn(Rule.NUMERIC_HOST, Rule.NO_HOST);
        assertThat(lookups).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://a.example.org/x", "gopher://a.example.org:70/_x",
        "jar:file:/tmp/x.jar!/y", "jar:http://a.example.org/x.jar!/y", "//a.example.org/no-scheme",
        "dict://a.example.org:11211/", "ldap://a.example.org/"})
    void refusesSchemesOutsideTheAllowList(String uri) {
        assertThat(refusal(guard(List.of("a.example.org"), List.of()), uri).rule()).isEqualTo(Rule.SCHEME);
        assertThat(lookups).isEmpty();
    }

    @Test
    void schemeMatchIsCaseInsensitiveAndDefaultsToHttpsOnly() throws Exception {
        assertThat(guard(List.of("a.example.org"), List.of()).check(URI.create("HTTPS://a.example.org/")).host())
                .isEqualTo("a.example.org");
        OutboundProperties defaults = Binder.get(new StandardEnvironment())
                .bindOrCreate("geoetl.outbound", OutboundProperties.class);
        OutboundProperties httpsOnly = new OutboundProperties(defaults.allowedSchemes(), List.of("a.example.org"),
                List.of(), defaults.connectTimeout(), defaults.readTimeout(), 3, defaults.maxResponse());
        assertThat(catchThrowableOfType(OutboundRefusedException.class,
                () -> new OutboundGuard(httpsOnly, resolver).check(URI.create("http://a.example.org/"))).rule())
                .isEqualTo(Rule.SCHEME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:pass@a.example.org/", "https://a.example.org@evil.com/", "https://token@a.example.org/"})
    void refusesUserinfo(String uri) {
        OutboundRefusedException e = refusal(guard(List.of("a.example.org", "evil.com"), List.of()), uri);
        assertThat(e.rule()).isEqualTo(Rule.USERINFO);
        assertThat(e.getMessage()).doesNotContain("pass").doesNotContain("token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https:///path", "https:opaque", "https://exa_mple.org/", "https://%61.example.org/"})
    void refusesUrisWithoutAValidHost(String uri) {
        assertThat(refusal(guard(List.of("a.example.org"), List.of()), uri).rule()).isEqualTo(Rule.NO_HOST);
    }

    @Test
    void refusesHostsOutsideTheAllowListBeforeAnyLookup() {
        assertThat(refusal(guard(List.of("a.example.org"), List.of()), "https://evil.com/").rule())
                .isEqualTo(Rule.HOST_NOT_ALLOWED);
        assertThat(refusal(guard(List.of(), List.of()), "https://a.example.org/").rule())
                .as("an empty allow-list allows nothing").isEqualTo(Rule.HOST_NOT_ALLOWED);
        assertThat(lookups).as("no DNS query for a host that is not allowed").isEmpty();
    }

    @Test
    void wildcardMatchesSubdomainsOnly() throws Exception {
        OutboundGuard guard = guard(List.of("*.example.org"), List.of());
        assertThat(guard.check(URI.create("https://a.example.org/")).host()).isEqualTo("a.example.org");
        assertThat(guard.check(URI.create("https://b.a.example.org/")).host()).isEqualTo("b.a.example.org");
        assertThat(guard.check(URI.create("https://A.Example.ORG/")).host()).isEqualTo("a.example.org");
        for (String uri : List.of("https://example.org/", "https://example.org.evil.com/", "https://evilexample.org/")) {
            assertThat(refusal(guard, uri).rule()).as(uri).isEqualTo(Rule.HOST_NOT_ALLOWED);
        }
    }

    @Test
    void resolvesOnceAndRefusesIfAnyAddressIsBlocked() throws Exception {
        OutboundGuard guard = guard(List.of("*.example.org"), List.of());
        OutboundRefusedException e = refusal(guard, "https://rebind.example.org/");
        assertThat(e.rule()).isEqualTo(Rule.BLOCKED_ADDRESS);
        assertThat(e.getMessage()).contains("10.0.0.1");
        lookups.clear();
        VettedTarget target = guard.check(URI.create("https://a.example.org/"));
        assertThat(lookups).containsExactly("a.example.org");
        assertThat(target.addresses()).containsExactly(dns.get("a.example.org"));
    }

    @Test
    void privateAddressesOnlyForAllowedPrivateHosts() throws Exception {
        OutboundGuard guard = guard(List.of("127.0.0.1", "localhost"), List.of("127.0.0.1"));
        assertThat(guard.check(URI.create("http://127.0.0.1:8080/")).addresses())
                .containsExactly(InetAddress.getByName("127.0.0.1"));
        // tolerance is per host name: another name for the same loopback address is still refused
        assertThat(refusal(guard, "http://localhost:8080/").rule()).isEqualTo(Rule.BLOCKED_ADDRESS);
    }

    @Test
    void messagesNameTheHostButNeverThePathOrQuery() {
        OutboundGuard guard = guard(List.of("10.0.0.1", "a.example.org"), List.of());
        for (String uri : List.of("http://10.0.0.1/secret/path?api_key=SECRET", "ftp://a.example.org/secret?api_key=SECRET",
                "https://evil.com/secret?api_key=SECRET")) {
            assertThat(refusal(guard, uri).getMessage()).doesNotContain("SECRET").doesNotContain("api_key")
                    .doesNotContain("secret");
        }
        assertThat(refusal(guard, "http://10.0.0.1/?k=SECRET").getMessage()).contains("10.0.0.1").contains("blocked-address");
    }

    @Test
    void unresolvableHostIsAnIoFailureNotARefusal() {
        assertThatThrownBy(() -> guard(List.of("*.example.org"), List.of()).check(URI.create("https://nx.example.org/")))
                .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void propertiesBindWithDocumentedDefaultsAndRejectLoosePolicies() {
        OutboundProperties defaults = Binder.get(new StandardEnvironment())
                .bindOrCreate("geoetl.outbound", OutboundProperties.class);
        assertThat(defaults.allowedSchemes()).containsExactly("https");
        assertThat(defaults.allowedHosts()).isEmpty();
        assertThat(defaults.allowedPrivateHosts()).isEmpty();
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.maxRedirects()).isEqualTo(3);
        assertThat(defaults.maxResponse()).isEqualTo(DataSize.ofMegabytes(512));
        assertThatThrownBy(() -> new OutboundProperties(List.of("ftp"), List.of(), List.of(), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 3, DataSize.ofKilobytes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy(List.of("*"), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy(List.of("a*.example.org"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
