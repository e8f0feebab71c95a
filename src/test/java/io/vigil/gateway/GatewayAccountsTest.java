package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.dc09.Dc09Account;
import java.io.StringReader;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class GatewayAccountsTest {

    @Test
    void plainHexAndTextAccountsAllReportAsTheGatewaysSite() throws Exception {
        GatewayAccounts accounts = GatewayAccounts.parse(lines("1234=plain\nab12=hex:00112233445566778899aabbccddeeff\n"
                + "77=text:0123456789abcdef\n"), "site-a", "test");
        assertThat(accounts.find("1234", null, "1")).contains(new Dc09Account("site-a", true, java.util.List.of()));
        Dc09Account aes = accounts.find("AB12", null, "1").orElseThrow();
        assertThat(aes.allowPlain()).isFalse();
        assertThat(aes.keys()).singleElement().satisfies(k -> assertThat(k.key()).hasSize(16));
        assertThat(accounts.find("77", "1", "1").orElseThrow().keys().get(0).key()).hasSize(16);
        assertThat(accounts.find("9999", null, "1")).isEmpty();
    }

    @Test
    void badLinesAreRefusedWithTheFileAndAccountButNotTheKey() throws Exception {
        assertThatThrownBy(() -> GatewayAccounts.parse(lines("1234=hex:0011\n"), "s", "accounts.properties"))
                .hasMessageContaining("accounts.properties").hasMessageContaining("1234").hasMessageNotContaining("0011");
        assertThatThrownBy(() -> GatewayAccounts.parse(lines("1234=secret\n"), "s", "f"))
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> GatewayAccounts.parse(lines("12-34=plain\n"), "s", "f")).hasMessageContaining("account");
        assertThatThrownBy(() -> GatewayAccounts.parse(lines(""), "s", "f")).hasMessageContaining("no DC-09 account");
    }

    private static Properties lines(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }
}
