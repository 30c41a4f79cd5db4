package io.theatermsa.movie;

import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import io.theatermsa.platform.testing.ServiceInstances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.function.IntFunction;

import static io.theatermsa.platform.testing.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RealRedis.class)
class MovieSeedTest {

    static final IntFunction<WorkloadIdentity> POD = ServiceInstances.alternatingClusters("movie-service", "movie");

    ServiceInstances instances;
    RedisCommands<String, String> redis;

    @BeforeEach
    void flush(RedisEndpoint endpoint) {
        instances = new ServiceInstances(endpoint, MovieServiceApp::start);
        redis = instances.emptyRedis();
    }

    @AfterEach
    void stopAll() {
        instances.close();
    }

    @Test
    void sixInstancesStartingTogetherPlantExactlyThreeMovies() throws Exception {
        for (ServiceServer server : instances.startTogether(6, POD)) {
            assertThat(json(new HttpApi(server.port()).get("/movies/")).size()).isEqualTo(3);
        }
        assertThat(redis.zcard(MovieStore.INDEX)).isEqualTo(3);
        assertThat(redis.get(MovieStore.SEQUENCE)).isEqualTo("3");
    }

    @Test
    void aDeletedSeedMovieStaysDeletedAfterRestart() {
        ServiceServer first = instances.start(POD.apply(0));
        assertThat(new HttpApi(first.port()).delete("/movies/2").statusCode()).isEqualTo(204);
        first.stop();
        HttpApi restarted = new HttpApi(instances.start(POD.apply(1)).port());
        assertThat(json(restarted.get("/movies/")).findValuesAsText("title")).containsExactly("어벤져스", "기생충");
    }
}
