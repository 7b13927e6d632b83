package io.billhook.api.keys;

import static io.billhook.core.ids.VendorIds.require;

import io.billhook.core.keys.ApiKeys;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A vendor's API keys, managed with the admin token (access control refuses every other). */
@RestController
@RequestMapping("/v1/vendors/{vendorId}/api-keys")
class ApiKeyController {
  private final ApiKeys keys;

  ApiKeyController(ApiKeys keys) {
    this.keys = keys;
  }

  /** The body is optional: {@code {"name": "..."}}. */
  record KeyRequest(String name) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  ApiKeyView create(
      @PathVariable String vendorId, @RequestBody(required = false) KeyRequest request) {
    return ApiKeyView.issued(
        keys.create(require(vendorId), request == null ? null : request.name()));
  }

  @GetMapping
  Map<String, List<ApiKeyView>> list(@PathVariable String vendorId) {
    return Map.of("data", keys.list(require(vendorId)).stream().map(ApiKeyView::of).toList());
  }

  @DeleteMapping("/{keyId}")
  ResponseEntity<Void> revoke(@PathVariable String vendorId, @PathVariable String keyId) {
    keys.revoke(require(vendorId), keyId);
    return ResponseEntity.noContent().build();
  }
}
