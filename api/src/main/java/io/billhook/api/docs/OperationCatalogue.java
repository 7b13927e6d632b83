package io.billhook.api.docs;

import io.swagger.v3.oas.models.OpenAPI;

final class OperationCatalogue {
  void describe(OpenAPI api) {}
}
