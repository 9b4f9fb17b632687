/**
 * The composition root: {@link dev.docent.web.Docent} wires embedder, indexer and answerer from a
 * {@link dev.docent.web.DocentConfig}; {@link dev.docent.web.Main} is the CLI; the HTTP app is
 * built by {@link dev.docent.web.api.DocentApp#create}, the same for {@code serve} and the tests.
 */
package dev.docent.web;
