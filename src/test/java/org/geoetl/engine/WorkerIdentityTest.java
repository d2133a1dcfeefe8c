package org.geoetl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerIdentityTest {

    @Test
    void anInstanceIsPidAtHostWithANoncePerStart() {
        WorkerIdentity a = new WorkerIdentity();
        WorkerIdentity b = new WorkerIdentity();
        assertThat(a.id()).matches("w-[0-9a-f]{12}").doesNotContain(a.host())
                .doesNotContain(String.valueOf(ProcessHandle.current().pid()));
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(a.pid()).isEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void theHostIsWhatFollowsThePidInTheRuntimeName() {
        assertThat(WorkerIdentity.hostOf("4711@geoetl-worker-7d9f")).isEqualTo("geoetl-worker-7d9f");
        assertThat(WorkerIdentity.hostOf("plainhost")).isEqualTo("plainhost");
    }
}
