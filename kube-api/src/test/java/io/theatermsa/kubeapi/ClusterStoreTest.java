package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterStoreTest {

    private static final ObjectKey VS = new ObjectKey("networking.istio.io", "virtualservices", "theater-msa",
                                                      "movie-service-vs");
    private static final FieldManager KUBECTL = FieldManager.update("kubectl-client-side-apply");

    private final AtomicLong uids = new AtomicLong();
    private final ClusterStore store = new ClusterStore(Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"),
                                                                    ZoneOffset.UTC),
                                                        () -> new UUID(0, uids.incrementAndGet()));

    ClusterStoreTest() {
        store.createNamespace("theater-msa");
    }

    @Test
    void createSetsTheServerOwnedMetadata() {
        ObjectNode created = store.create(VS, virtualService(70), KUBECTL);

        assertThat(created.path("metadata").path("uid").asText()).isEqualTo(new UUID(0, 2).toString());
        assertThat(created.path("metadata").path("creationTimestamp").asText()).isEqualTo("2026-12-07T03:00:00Z");
        assertThat(created.path("metadata").path("generation").asLong()).isEqualTo(1);
        assertThat(created.path("metadata").path("resourceVersion").asText()).isEqualTo("2");
        assertThat(created.path("metadata").path("managedFields").get(0).path("manager").asText())
                .isEqualTo("kubectl-client-side-apply");
    }

    @Test
    void aSpecChangeBumpsTheGenerationAndALabelChangeDoesNot() {
        store.create(VS, virtualService(70), KUBECTL);

        ObjectNode relabelled = store.update(VS, current -> {
            ((ObjectNode) current.get("metadata")).putObject("labels").put("team", "cinema");
            return current;
        }, KUBECTL, virtualService(70), false);
        ObjectNode reweighted = store.update(VS, virtualService(60), KUBECTL);

        assertThat(relabelled.path("metadata").path("generation").asLong()).isEqualTo(1);
        assertThat(reweighted.path("metadata").path("generation").asLong()).isEqualTo(2);
        assertThat(reweighted.path("metadata").path("uid").asText()).isEqualTo(new UUID(0, 2).toString());
    }

    @Test
    void aWriteThatChangesNothingCommitsNothing() {
        store.create(VS, virtualService(70), KUBECTL);
        long before = store.resourceVersion();

        store.update(VS, virtualService(70), KUBECTL);

        assertThat(store.resourceVersion()).isEqualTo(before);
    }

    @Test
    void aStaleResourceVersionIsAConflictAndChangesNothing() {
        ObjectNode created = store.create(VS, virtualService(70), KUBECTL);
        store.update(VS, virtualService(60), KUBECTL);
        ObjectNode stale = virtualService(10);
        ((ObjectNode) stale.get("metadata")).put("resourceVersion",
                                                 created.path("metadata").path("resourceVersion").asText());

        assertThatThrownBy(() -> store.update(VS, stale, KUBECTL))
                .isInstanceOf(ApiError.class)
                .hasMessage("Operation cannot be fulfilled on virtualservices.networking.istio.io \"movie-service-vs\":"
                                    + " the object has been modified; please apply your changes to the latest version"
                                    + " and try again")
                .extracting(e -> ((ApiError) e).reason()).isEqualTo(ApiError.Reason.CONFLICT);
        assertThat(weightOf(store.get(VS).orElseThrow())).isEqualTo(60);
    }

    @Test
    void twoWritersRacingOnOneResourceVersionExactlyOneWins() throws Exception {
        String version = store.create(VS, virtualService(70), KUBECTL).path("metadata").path("resourceVersion")
                .asText();
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> racers = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int weight = 10 + i;
            racers.add(() -> {
                ObjectNode write = virtualService(weight);
                ((ObjectNode) write.get("metadata")).put("resourceVersion", version);
                start.await();
                try {
                    store.update(VS, write, KUBECTL);
                    return true;
                } catch (ApiError conflict) {
                    return false;
                }
            });
        }
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(writers)) {
            racers.forEach(r -> outcomes.add(threads.submit(r)));
            start.countDown();
        }

        long winners = 0;
        for (Future<Boolean> outcome : outcomes) {
            winners += outcome.get() ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
        assertThat(store.get(VS).orElseThrow().path("metadata").path("generation").asLong()).isEqualTo(2);
    }

    @Test
    void aCreateIntoAMissingNamespaceIsNotFound() {
        ObjectKey elsewhere = new ObjectKey("networking.istio.io", "virtualservices", "nowhere", "vs");

        assertThatThrownBy(() -> store.create(elsewhere, virtualService(70), KUBECTL))
                .hasMessage("namespaces \"nowhere\" not found");
    }

    @Test
    void aDuplicateCreateAlreadyExists() {
        store.create(VS, virtualService(70), KUBECTL);

        assertThatThrownBy(() -> store.create(VS, virtualService(70), KUBECTL))
                .hasMessage("virtualservices.networking.istio.io \"movie-service-vs\" already exists");
    }

    @Test
    void aRefusedChangeLeavesTheStoreAsItWas() {
        store.create(VS, virtualService(70), KUBECTL);
        long before = store.resourceVersion();

        assertThatThrownBy(() -> store.update(VS, current -> {
            ((ObjectNode) current.get("spec")).put("hosts", "changed before the refusal");
            throw ApiError.badRequest("refused");
        }, KUBECTL, virtualService(70), false)).hasMessage("refused");

        assertThat(store.resourceVersion()).isEqualTo(before);
        assertThat(store.get(VS).orElseThrow().path("spec").path("hosts").isArray()).isTrue();
    }

    @Test
    void aWatchReplaysFromItsResourceVersionThenFollows() {
        long start = store.resourceVersion();
        store.create(VS, virtualService(70), KUBECTL);
        List<StoreChange> seen = new CopyOnWriteArrayList<>();

        try (var watch = store.watch(k -> k.in("networking.istio.io", "virtualservices", "theater-msa"), start,
                                     seen::add)) {
            store.update(VS, virtualService(60), KUBECTL);
            store.delete(VS, false);
        }
        store.create(VS, virtualService(70), KUBECTL);

        assertThat(seen).extracting(StoreChange::type).containsExactly(StoreChange.Type.ADDED,
                StoreChange.Type.MODIFIED, StoreChange.Type.DELETED);
        assertThat(seen).extracting(StoreChange::resourceVersion).isSorted();
    }

    @Test
    void listenersHearEveryWriterInCommitOrder() {
        List<String> heard = new CopyOnWriteArrayList<>();
        store.subscribe(change -> heard.add(change.type() + " " + change.key().name() + " "
                                                    + change.resourceVersion()));

        store.create(VS, virtualService(70), KUBECTL);
        store.update(VS, virtualService(50), FieldManager.update("theater-dashboard"));

        assertThat(heard).containsExactly("ADDED movie-service-vs 2", "MODIFIED movie-service-vs 3");
    }

    @Test
    void readersGetCopies() {
        store.create(VS, virtualService(70), KUBECTL);

        ((ObjectNode) store.get(VS).orElseThrow().get("spec")).removeAll();

        assertThat(weightOf(store.get(VS).orElseThrow())).isEqualTo(70);
    }

    private static ObjectNode virtualService(int weight) {
        ObjectNode vs = JsonMappers.MAPPER.createObjectNode();
        vs.put("apiVersion", "networking.istio.io/v1").put("kind", "VirtualService");
        vs.putObject("metadata").put("name", "movie-service-vs").put("namespace", "theater-msa");
        ObjectNode spec = vs.putObject("spec");
        spec.putArray("hosts").add("movie-service");
        spec.putArray("http").addObject().putArray("route").addObject().put("weight", weight)
                .putObject("destination").put("host", "movie-service");
        return vs;
    }

    private static int weightOf(ObjectNode vs) {
        return vs.path("spec").path("http").get(0).path("route").get(0).path("weight").asInt();
    }
}
