package dev.cadenza.api.reconcile;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the periodic reconciliation. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReconcileScheduling {}
