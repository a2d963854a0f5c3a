package dev.cadenza.api.gpu;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The GPU fleet as this process reaches it (admin key only). */
@RestController
@Tag(name = "Admin")
public class AdminFleetController {
  private final FleetStatus fleet;

  public AdminFleetController(FleetStatus fleet) {
    this.fleet = fleet;
  }

  @Operation(
      operationId = "getFleet",
      summary = "GPU fleet status",
      description = "Asks every configured GPU worker now (`GetCapabilities`, a few seconds at"
          + " most): whether it is reachable, its models with their slots, busy slots and queue"
          + " depth, and the sums over the fleet.")
  @GetMapping(path = "/v1/admin/fleet", produces = MediaType.APPLICATION_JSON_VALUE)
  public FleetView status() {
    return fleet.now();
  }
}
