package dev.velocity.api.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record's {@code @Nullable} components, and only those, may be null in the document.
 */
class NullablePropertiesTests {

	@Test
	void marksTheNullableComponentsOfARecordsSchema() {
		ObjectSchema view = new ObjectSchema();
		view.addProperty("saleId", new StringSchema());
		view.addProperty("confirmed", new IntegerSchema());
		view.addProperty("startsAt", new StringSchema());
		OpenAPI api = new OpenAPI().components(new Components().addSchemas("SaleView", view));

		new NullableProperties("dev.velocity.api").customise(api);

		Schema<?> saleView = api.getComponents().getSchemas().get("SaleView");
		assertThat(saleView.getProperties().get("confirmed").getTypes()).containsExactlyInAnyOrder("integer", "null");
		assertThat(saleView.getProperties().get("startsAt").getTypes()).containsExactlyInAnyOrder("string", "null");
		assertThat(saleView.getProperties().get("saleId").getTypes()).doesNotContain("null");
	}

}
