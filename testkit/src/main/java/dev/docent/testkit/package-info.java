/** Test support every module shares (test scope only). */
package dev.docent.testkit;
