package io.github.alationgateway.query;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.alationgateway.store.JobStatistics;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.system.InstanceScope;
import io.github.alationgateway.view.JobViews;
import io.github.alationgateway.view.VisibleJobs;
import io.github.alationgateway.waiting.JobWaits;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Every list filter is validated before anything reaches the database. */
// Controller behaviour only: who may call is tested end to end in the security package.
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(JobQueryController.class)
@Import(VisibleJobs.class)
class JobQueryWebTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    JobStore store;

    @MockitoBean
    JobViews views;

    @MockitoBean
    InstanceScope scope;

    @MockitoBean
    JobWaits waits;

    @MockitoBean
    JobStatistics statistics;

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "status=done                         | status            | Unknown status 'done'",
                "kind=NOPE                           | kind              | Unknown kind 'NOPE'",
                "alation_job_id=abc                  | alation_job_id    | invalid value",
                "alation_job_id=99999999999999999999 | alation_job_id    | invalid value",
                "page_size=0                         | page_size         | between 1 and 500",
                "page_size=501                       | page_size         | between 1 and 500",
                "page_size=ten                       | page_size         | invalid value",
                "cursor=%%%                          | cursor            | not a cursor",
                "cursor=bm90LWEtY3Vyc29y             | cursor            | not a cursor",
                "registered_after=yesterday          | registered_after  | ISO-8601",
                "registered_before=2026-13-01        | registered_before | ISO-8601",
                "label=pipeline                      | label             | key:value",
                "label=:x                            | label             | key:value",
                "label=a b:c                         | label             | A label key",
                "label=k:1&label=k:2                 | label             | two different values",
            })
    void aBadFilterIsA400ProblemNamingTheParameter(String query, String field, String detail) throws Exception {
        mvc.perform(get("/api/v1/jobs?" + query))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(detail)));
        verify(store, never()).list(any());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "kind=NOPE                    | kind              | Unknown kind 'NOPE'",
                "registered_after=yesterday   | registered_after  | ISO-8601",
                "registered_before=2026-13-01 | registered_before | ISO-8601",
                "label=pipeline               | label             | key:value",
                "ended_window=8d              | ended_window      | at most 7d (168h)",
                "ended_window=169h            | ended_window      | at most 7d (168h)",
                "ended_window=90m             | ended_window      | whole hours",
                "ended_window=0h              | ended_window      | whole hours",
                "ended_window=-1h             | ended_window      | whole hours",
                "ended_window=a day           | ended_window      | a duration such as 24h",
            })
    void aBadStatsFilterIsA400ProblemNamingTheParameter(String query, String field, String detail) throws Exception {
        mvc.perform(get("/api/v1/jobs/stats?" + query))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(detail)));
        verify(statistics, never()).report(any(), org.mockito.ArgumentMatchers.anyInt());
    }

    @Test
    void anUnknownJobIsA404Problem() throws Exception {
        when(store.findById(anyString())).thenReturn(Optional.empty());
        mvc.perform(get("/api/v1/jobs/no-such-job"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("No job with id 'no-such-job'"));
    }
}
