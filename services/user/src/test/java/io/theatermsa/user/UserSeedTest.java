package io.theatermsa.user;

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
class UserSeedTest {

    static final IntFunction<WorkloadIdentity> POD = ServiceInstances.alternatingClusters("user-service", "user");

    ServiceInstances instances;
    RedisCommands<String, String> redis;

    @BeforeEach
    void flush(RedisEndpoint endpoint) {
        instances = new ServiceInstances(endpoint, UserServiceApp::start);
        redis = instances.emptyRedis();
    }

    @AfterEach
    void stopAll() {
        instances.close();
    }

    @Test
    void sixInstancesStartingTogetherPlantExactlyThreeUsers() throws Exception {
        for (ServiceServer server : instances.startTogether(6, POD)) {
            assertThat(json(new HttpApi(server.port()).get("/users/")).size()).isEqualTo(3);
        }
        assertThat(redis.zcard(UserStore.INDEX)).isEqualTo(3);
        assertThat(redis.get(UserStore.SEQUENCE)).isEqualTo("3");
        assertThat(redis.hlen(UserStore.EMAILS)).isEqualTo(3);
    }

    @Test
    void seedEmailsAreClaimedSoSignUpsCannotDuplicateThem() {
        HttpApi api = new HttpApi(instances.start(POD.apply(0)).port());
        String email = UserSeed.USERS.get(0).email();
        assertThat(api.post("/users/", "{\"name\":\"copy\",\"email\":\"" + email + "\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void aDeletedSeedUserStaysDeletedAfterRestart() {
        ServiceServer first = instances.start(POD.apply(0));
        assertThat(new HttpApi(first.port()).delete("/users/1").statusCode()).isEqualTo(204);
        first.stop();
        HttpApi restarted = new HttpApi(instances.start(POD.apply(1)).port());
        assertThat(json(restarted.get("/users/")).size()).isEqualTo(2);
        assertThat(restarted.get("/users/1").statusCode()).isEqualTo(404);
    }
}
