// The OWL 2 DL profile check of the OWL API (the OWL API that HermiT's jar, shipped by owlready2,
// contains): prints every violation of the OWL 2 DL profile in an ontology document, then
// "in profile" or "not in profile". Run by tests/test_standards.py:
//   java -cp .../owlready2/hermit/HermiT.jar scripts/OwlProfile.java FILE
import java.io.File;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class OwlProfile {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        for (OWLProfileViolation violation : report.getViolations()) {
            System.out.println("violation: " + violation);
        }
        System.out.println(report.isInProfile() ? "in profile" : "not in profile");
    }
}
