package org.geoetl.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JolokiaRequestsTest {

    private static List<JolokiaRequests.Request> json(String s) throws Exception {
        return JolokiaRequests.fromJson(new ObjectMapper().readTree(s));
    }

    @Test
    void operatorsReadListSearchAndRunTheReadOnlyOperationsOnly() throws Exception {
        assertThat(JolokiaRequests.refusal(json("[{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\"},"
                + "{\"type\":\"LIST\"},{\"type\":\"search\",\"mbean\":\"*:*\"},{\"type\":\"version\"}]"), false)).isNull();
        assertThat(JolokiaRequests.refusal(json("{\"type\":\"exec\",\"mbean\":\"geoetl:name=operator\","
                + "\"operation\":\"listQueues()\"}"), false)).isNull();
        assertThat(JolokiaRequests.refusal(json("{\"type\":\"exec\",\"mbean\":\"geoetl:name=operator\","
                + "\"operation\":\"runJanitor\"}"), false)).contains("admin");
        assertThat(JolokiaRequests.refusal(json("{\"type\":\"write\",\"mbean\":\"org.apache.camel:type=context\"}"), false))
                .contains("admin");
        assertThat(JolokiaRequests.refusal(json("{\"type\":\"notification\"}"), false)).contains("admin");
        assertThat(JolokiaRequests.refusal(json("{}"), false)).contains("admin");
    }

    @Test
    void adminsChangeOnlyTheServicesAndCamelsMBeansAndNobodyProxies() throws Exception {
        assertThat(JolokiaRequests.refusal(json("{\"type\":\"exec\",\"mbean\":\"geoetl:name=operator\","
                + "\"operation\":\"cancelJob\"}"), true)).isNull();
        assertThat(JolokiaRequests.refusal(json("{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=geoetl,"
                + "type=routes,name=\\\"x\\\"\",\"operation\":\"stop()\"}"), true)).isNull();
        assertThat(JolokiaRequests.refusal(json("{\"type\":\"exec\",\"mbean\":\"org.springframework.boot:type=Admin,"
                + "name=SpringApplication\",\"operation\":\"shutdown\"}"), true)).contains("domains");
        assertThat(JolokiaRequests.refusal(json("{\"type\":\"exec\",\"operation\":\"x\"}"), true)).contains("domains");
        assertThat(JolokiaRequests.refusal(json("{\"type\":\"notification\",\"command\":\"register\"}"), true))
                .contains("not enabled");
        assertThat(JolokiaRequests.refusal(json("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\","
                + "\"target\":{\"url\":\"service:jmx:rmi:///x\"}}"), true)).contains("proxy");
    }

    @Test
    void getPathsAreSplitWithJolokiasEscapes() {
        JolokiaRequests.Request r = JolokiaRequests.fromPath("/exec/geoetl:name=operator/cancelJob/a!/b/why");
        assertThat(r.type()).isEqualTo("exec");
        assertThat(r.mbean()).isEqualTo("geoetl:name=operator");
        assertThat(r.operation()).isEqualTo("cancelJob");
        assertThat(JolokiaRequests.fromPath("").type()).isEqualTo("version");
        assertThat(JolokiaRequests.fromPath("/").type()).isEqualTo("version");
        assertThat(JolokiaRequests.fromPath("/read/java.lang:type=Memory/HeapMemoryUsage").type()).isEqualTo("read");
        // an escaped slash stays inside the MBean name
        assertThat(JolokiaRequests.fromPath("/read/a:name=x!/y/Attr").mbean()).isEqualTo("a:name=x/y");
        assertThat(JolokiaRequests.refusal(List.of(JolokiaRequests.fromPath("/exec/geoetl:name=operator/runJanitor")),
                false)).contains("admin");
    }
}
