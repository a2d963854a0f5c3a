package dev.cadenza.api.payments;

import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER;
import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER_KEY;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.cadenza.api.auth.ApiKeyLookup;
import dev.cadenza.api.auth.ApiKeys;
import dev.cadenza.api.problem.ApiWebTestConfiguration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The embedded default has no Stripe account: the packages are listed, checkout and the webhook
 * answer 503 {@code PAYMENTS_NOT_CONFIGURED}, and nothing is recorded.
 */
@WebMvcTest(
    properties = {
      ApiWebTestConfiguration.NO_EMBEDDED_DATABASE,
      ApiWebTestConfiguration.NO_EMBEDDED_TEMPORAL,
      "app.admin-api-key=" + ApiWebTestConfiguration.ADMIN_KEY,
      // Whatever the environment of the build says: this is the run without an account.
      "app.payments.stripe.secret-key=",
      "app.payments.stripe.webhook-secret="
    })
@ContextConfiguration(
    classes = {
      ApiWebTestConfiguration.class,
      PaymentsConfiguration.class,
      StripeCheckout.class,
      CreditPackagesController.class,
      StripeWebhookController.class
    })
class PaymentsNotConfiguredTest {
  @Autowired
  MockMvc mvc;

  @MockitoBean
  ApiKeyLookup apiKeyLookup;

  @MockitoBean
  CheckoutSessions sessions;

  @MockitoBean
  StripePurchases purchases;

  @BeforeEach
  void authenticate() {
    given(apiKeyLookup.findActiveUserId(ApiKeys.hash(USER_KEY))).willReturn(Optional.of("usr_me"));
  }

  @Test
  void packagesAreListedWithoutAKey() throws Exception {
    mvc.perform(get("/v1/credits/packages"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data[0].id").value("starter"))
        .andExpect(jsonPath("$.data[0].credits").value(100))
        .andExpect(jsonPath("$.data[0].price.amount").value(500))
        .andExpect(jsonPath("$.data[0].price.currency").value("usd"));
  }

  @Test
  void checkoutAnswers503() throws Exception {
    mvc.perform(post("/v1/credits/checkout")
            .header("Authorization", USER)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"packageId\":\"starter\",\"successUrl\":\"https://a.example/ok\","
                + "\"cancelUrl\":\"https://a.example/no\"}"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("PAYMENTS_NOT_CONFIGURED"));
    verifyNoInteractions(sessions);
  }

  @Test
  void theWebhookAnswers503() throws Exception {
    mvc.perform(post("/v1/webhooks/stripe")
            .header("Stripe-Signature", "t=1,v1=00")
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"checkout.session.completed\"}"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.code").value("PAYMENTS_NOT_CONFIGURED"));
    verifyNoInteractions(purchases, sessions);
  }
}
