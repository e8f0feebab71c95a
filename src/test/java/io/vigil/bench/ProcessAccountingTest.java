package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessAccountingTest {

    @Test
    void cpuTicksAreUtimePlusStimeCountedFromTheLastParenthesis() {
        // a command name with spaces and parentheses must not shift the fields
        String stat = "4242 (java (bench) x) S 1 4242 4242 0 -1 4194560 52193 0 3 0 1234 567 0 0 20 0 41 0 8812 "
                + "4839206912 98304 18446744073709551615 1 1 0 0 0 0 4096 0 16800975 0 0 0 17 1 0 0 0 0 0";

        assertThat(ProcessAccounting.parseCpuTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void aTruncatedStatLineIsRefused() {
        assertThatThrownBy(() -> ProcessAccounting.parseCpuTicks("4242 (java) S 1 2 3"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessAccounting.parseCpuTicks("no parenthesis"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void peakRssIsVmHwmInKilobytes() {
        String status = "Name:\tjava\nVmPeak:\t 4839208 kB\nVmSize:\t 4839204 kB\nVmHWM:\t  412876 kB\nVmRSS:\t  398112 kB\n";

        assertThat(ProcessAccounting.parsePeakRssKilobytes(status)).isEqualTo(412_876);
    }

    @Test
    void aStatusWithoutVmHwmIsRefused() {
        assertThatThrownBy(() -> ProcessAccounting.parsePeakRssKilobytes("Name:\tkthreadd\nState:\tS (sleeping)\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VmHWM");
    }

    @Test
    void readsThisProcessFromProc() {
        ProcessAccounting self = ProcessAccounting.of(ProcessHandle.current().pid());

        assertThat(self.cpuMillis()).isPositive();
        assertThat(self.peakRssMegabytes()).isGreaterThan(10);
    }
}
