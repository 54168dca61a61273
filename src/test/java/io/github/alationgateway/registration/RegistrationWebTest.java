package io.github.alationgateway.registration;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.alationgateway.alation.AlationClient;
import io.github.alationgateway.polling.PollTrigger;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.store.RegisterBatch;
import io.github.alationgateway.system.InstanceScope;
import io.github.alationgateway.view.JobViews;
import io.github.alationgateway.webhooks.Callbacks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Bad registrations get a 400 problem that says what to fix, and nothing is stored. */
// Controller behaviour only: who may call is tested end to end in the security package.
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(RegistrationController.class)
@Import({RegisterJob.class, RegistrationWebTest.Beans.class})
class RegistrationWebTest {

    @TestConfiguration
    static class Beans {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    JobStore store;

    @MockitoBean
    JobViews views;

    @MockitoBean
    AlationClient alation;

    @MockitoBean
    PollTrigger trigger;

    @MockitoBean
    InstanceScope scope;

    @MockitoBean
    Callbacks callbacks;

    @MockitoBean
    RegisterBatch batch;

    @BeforeEach
    void twoInstances() {
        when(alation.instances()).thenReturn(Set.of("prod", "test"));
        when(scope.canSee(anyString())).thenReturn(true);
    }

    private org.springframework.test.web.servlet.ResultActions register(String body) throws Exception {
        return mvc.perform(
                post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"response\": {\"job_id\": 1}                                              | not a readable JSON document |",
                "{\"instance\": \"prod\"}                                                     | 'response' is required       | response",
                "{\"response\": {\"detail\": \"Forbidden\"}, \"instance\": \"prod\"}          | error answer from Alation    | response",
                "{\"response\": {\"job_id\": 1}}                                              | 'instance' is required       | instance",
                "{\"response\": {\"job_id\": 1}, \"instance\": \"staging\"}                   | Unknown instance 'staging'   | instance",
                "{\"response\": {\"job_id\": 1}, \"instance\": \"prod\", \"kind\": \"NOPE\"}  | accepted kinds: [            | kind",
                "{\"response\": {\"job_id\": 1}, \"instance\": \"prod\", \"method\": \"PUT\"} | go together                  | endpoint",
                "{\"response\": {\"job_id\": 1}, \"instance\": \"prod\", \"labels\": {\"bad key\": \"x\"}} | A label key is | labels",
                "{\"response\": {\"job_id\": 1}, \"instance\": \"prod\", \"labels\": [1, 2]}  | not a readable JSON document |",
                "[1, 2]                                                                       | not a readable JSON document |",
            })
    void aBadRegistrationIsA400ProblemNamingTheFieldAndStoresNothing(String body, String detail, String field)
            throws Exception {
        var result = register(body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(detail)));
        if (field != null) result.andExpect(jsonPath("$.field").value(field));
        verify(store, never()).register(any(), any(), any());
    }

    @Test
    void anEmptyBodyIsA400() throws Exception {
        register("")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(store, never()).register(any(), any(), any());
    }

    @Test
    void tooManyLabelsAreRefused() throws Exception {
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < 21; i++)
            labels.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": \"v\"");
        register("{\"response\": {\"job_id\": 1}, \"instance\": \"prod\", \"labels\": {" + labels + "}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("At most 20 labels are allowed, got 21"));
    }

    @Test
    void aRegistrationOnAnInstanceOutsideTheCallersScopeIsForbidden() throws Exception {
        when(scope.canSee("test")).thenReturn(false);
        register("{\"response\": {\"job_id\": 1}, \"instance\": \"test\"}")
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(store, never()).register(any(), any(), any());
    }

    @Test
    void theWrongContentTypeIsA415Problem() throws Exception {
        mvc.perform(post("/api/v1/jobs").contentType(MediaType.TEXT_PLAIN).content("job_id=1"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
