package com.controlpanel.provisioning.rest.admin;

import com.controlpanel.provisioning.rebuild.RebuildAlreadyRunningException;
import com.controlpanel.provisioning.rebuild.RebuildProgress;
import com.controlpanel.provisioning.rebuild.RebuildService;
import com.controlpanel.provisioning.rest.ApiException;
import com.controlpanel.provisioning.security.AdminUser;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/rebuild} (operator only): rebuilds every read model from the event store in the background
 * (replacing those that differ from what the events make, or all of them with {@code fresh=true});
 * {@code GET /api/admin/rebuild/{id}} reports progress and, at the end, the verification.
 */
@RestController
@RequestMapping("/api/admin/rebuild")
public class RebuildController {

    private final RebuildService rebuilds;

    public RebuildController(RebuildService rebuilds) {
        this.rebuilds = rebuilds;
    }

    /**
     * Compares every read model with the rows its events make, and builds into fresh tables (then switches to) only
     * those that differ; with {@code fresh=true}, every read model.
     */
    @PostMapping
    public ResponseEntity<RebuildProgress> start(
            @AuthenticationPrincipal AdminUser admin, @RequestParam(defaultValue = "false") boolean fresh) {
        requireOperator(admin);
        try {
            RebuildProgress started = rebuilds.start(fresh);
            return ResponseEntity.accepted()
                    .location(URI.create("/api/admin/rebuild/" + started.id()))
                    .body(started);
        } catch (RebuildAlreadyRunningException e) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "rebuild-running",
                    e.runningId() == null
                            ? "A rebuild is already running on another node: start one when it has ended"
                            : "A rebuild is already running" + (e.elsewhere() ? " on another node" : "")
                                    + ": follow /api/admin/rebuild/" + e.runningId());
        }
    }

    @GetMapping("/{id}")
    public RebuildProgress progress(@AuthenticationPrincipal AdminUser admin, @PathVariable String id) {
        requireOperator(admin);
        return rebuilds.progress(id)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found", "No rebuild with id " + id));
    }

    private static void requireOperator(AdminUser admin) {
        if (!admin.operator()) {
            throw ApiException.forbidden("Only the operator may rebuild the read models");
        }
    }
}
