package com.bazaar.worker;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worker's admin port: every task (ours and Dropwizard's) needs an admin; health checks and metrics stay
 * readable. The tasks are asked for something harmless or refused before they run, so nothing is paused here.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminAccessIT {
    static final DropwizardAppExtension<WorkerConfiguration> WORKER = WorkerTestApp.extensionOnQueues(
            "admin-access-test.fifo", "admin-access-test-dlq.fifo");

    static HttpResponse<String> post(Api api, String path) {
        return api.send(api.request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/tasks/pause-consumer", "/tasks/resume-consumer", "/tasks/redrive-dlq", "/tasks/dlq-summary",
            "/tasks/gc", "/tasks/log-level"})
    void everyTaskRefusesAnyoneButAnAdmin(String task) {
        Api port = Api.at(WORKER.getAdminPort());
        for (Api caller : new Api[] {port, port.as(ServiceTestApp.ADMIN, "wrong"), port.as("nobody", "nobody-pass")}) {
            HttpResponse<String> refused = post(caller, task);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"bazaar\"");
            assertThat(json(refused).get("code").asInt()).isEqualTo(401);
        }
        for (String role : new String[] {ServiceTestApp.CLERK, ServiceTestApp.AUDITOR, ServiceTestApp.CLERK_AND_AUDITOR}) {
            HttpResponse<String> forbidden = post(port.as(role), task);
            assertThat(forbidden.statusCode()).as(role).isEqualTo(403);
            assertThat(json(forbidden).get("code").asInt()).isEqualTo(403);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/tasks/dlq-summary", "/tasks/log-level?logger=com.bazaar&level=INFO"})
    void anAdminMayRunThem(String task) {
        assertThat(post(Api.at(WORKER.getAdminPort()).as(ServiceTestApp.ADMIN), task).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ping", "/metrics", "/metrics/prometheus", "/healthcheck", "/threads"})
    void healthAndMetricsStayReadableForScrapers(String path) {
        assertThat(Api.at(WORKER.getAdminPort()).get(path).statusCode()).isNotIn(401, 403);
    }
}
