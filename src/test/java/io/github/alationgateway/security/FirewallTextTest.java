package io.github.alationgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The loops allow exactly what Spring Security's expressions allow. */
class FirewallTextTest {

    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everySingleCharacterIsJudgedAsByTheExpressions() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + new String(Character.toChars(codePoint)) + "z";
            assertThat(FirewallText.isName(text))
                    .as("name with U+%04X", codePoint)
                    .isEqualTo(NAME.matcher(text).matches());
            assertThat(FirewallText.isHeaderValue(text))
                    .as("value with U+%04X", codePoint)
                    .isEqualTo(VALUE.matcher(text).matches());
        }
    }

    @Test
    void randomTextWithLoneSurrogatesAndControlsIsJudgedAsByTheExpressions() {
        Random random = new Random(20261203L);
        char[] pool = {
            'a', 'Z', '0', ' ', '\t', '\n', '\r', 0, 0x7f, 0x85, 0xe9, 0x2028, 0xd83d, 0xde00, 0xdc00, 0xffff, 0x0378,
            0xfeff
        };
        for (int i = 0; i < 200_000; i++) {
            char[] text = new char[random.nextInt(6)];
            for (int j = 0; j < text.length; j++) text[j] = pool[random.nextInt(pool.length)];
            String s = new String(text);
            assertThat(FirewallText.isName(s))
                    .as("name %s", s.chars().boxed().toList())
                    .isEqualTo(NAME.matcher(s).matches());
            assertThat(FirewallText.isHeaderValue(s))
                    .as("value %s", s.chars().boxed().toList())
                    .isEqualTo(VALUE.matcher(s).matches());
        }
    }

    @Test
    void theFirewallRefusesAControlCharacterInAHeader() {
        var request = new org.springframework.mock.web.MockHttpServletRequest("GET", "/api/v1/jobs");
        request.addHeader("X-Test", "a\u0007b");
        var firewalled = FirewallText.firewall().getFirewalledRequest(request);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> firewalled.getHeader("X-Test"))
                .isInstanceOf(org.springframework.security.web.firewall.RequestRejectedException.class);
        request.addHeader("X-Tab", "a\tb");
        assertThat(firewalled.getHeader("X-Tab")).isEqualTo("a\tb");
    }
}
