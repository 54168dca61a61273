package io.github.alationgateway.details;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(KindsController.class)
class KindsControllerTest {

    @Autowired
    private MockMvcTester mvc;

    @Test
    void listsEveryKindWithItsClassAndCalls() {
        // WHEN
        MvcTestResult result = mvc.get().uri("/api/v1/kinds").exchange();

        // THEN
        assertThat(result).hasStatus(HttpStatus.OK).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$.items.length()").isEqualTo(JobKind.values().length);
        assertThat(result).bodyJson().extractingPath("$.items[0].kind").isEqualTo("DOCUMENT_POST");
        assertThat(result).bodyJson().extractingPath("$.items[0].data_class").isEqualTo("JobDetailsDocumentPost");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.items[0].calls[0].method")
                .isEqualTo("POST");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.items[0].calls[0].endpoint")
                .isEqualTo("/integration/v2/document/");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.items[?(@.kind == 'VIRTUAL_DATASOURCE_POST')].calls[0].endpoint")
                .asArray()
                .containsExactly("/api/v1/bulk_metadata/extraction/{ds_id}");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.items[?(@.kind == 'GENERIC')].data_class")
                .asArray()
                .containsExactly("JobDetails");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.items[?(@.kind == 'GENERIC')].calls.length()")
                .asArray()
                .containsExactly(0);
    }
}
