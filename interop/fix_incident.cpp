// QuickFIX C++ engines for execdrill's chaos-proxy and import tests (see interop/README.md): either end of a
// session CLIENT -> VENUE, with QuickFIX's FileStore and FileLog in a work directory, so that a scripted
// incident through the proxy leaves the logs `execdrill import` reads.
//
//   fix-incident acceptor  <port> <BeginString> <work dir> <run seconds>
//     VENUE: answers every NewOrderSingle with ExecutionReport New, then Fill; stops after <run seconds>.
//   fix-incident initiator <port> <BeginString> <work dir> <orders> <interval ms> [jump]
//     CLIENT: logs on (HeartBtInt 1, ResetOnLogon), sends <orders> orders <interval ms> apart, waits two
//     seconds for the last reports, logs out. Prints "RESULT ok <reports>" or "RESULT fail <why>".
//     With `jump`, after the orders it sends order JUMP-BEFORE, skips three of its own sequence numbers (as
//     an operator resetting the next MsgSeqNum would) and sends JUMP-AFTER: its store then has a hole
//     right after a stored message, which is how QuickFIX answers a chunked ResendRequest with a GapFill
//     numbered at the chunk's BeginSeqNo.
//
// Both bind or connect on 127.0.0.1 (QuickFIX's acceptor binds 0.0.0.0: run it in a network namespace).
#include <quickfix/Application.h>
#include <quickfix/FileLog.h>
#include <quickfix/FileStore.h>
#include <quickfix/Message.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketAcceptor.h>
#include <quickfix/SocketInitiator.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

namespace {

std::string field(const FIX::FieldMap& map, int tag) { return map.isSetField(tag) ? map.getField(tag) : std::string(); }

class Engine : public FIX::Application {
 public:
  explicit Engine(bool venue) : venue_(venue) {}
  void onCreate(const FIX::SessionID&) override {}
  void onLogon(const FIX::SessionID& id) override {
    id_ = id;
    loggedOn_ = true;
  }
  void onLogout(const FIX::SessionID&) override { loggedOn_ = false; }
  void toAdmin(FIX::Message&, const FIX::SessionID&) override {}
  void toApp(FIX::Message&, const FIX::SessionID&) throw(FIX::DoNotSend) override {}
  void fromAdmin(const FIX::Message&, const FIX::SessionID&) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon) override {}
  void fromApp(const FIX::Message& message, const FIX::SessionID& id) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override {
    const std::string type = field(message.getHeader(), 35);
    if (!venue_) {
      if (type == "8") reports_++;
      return;
    }
    if (type != "D") return;
    const std::string clOrdId = field(message, 11);
    const int n = ++orders_;
    report(id, message, clOrdId, "V" + std::to_string(n), clOrdId + "-new", "0", "0", false);
    report(id, message, clOrdId, "V" + std::to_string(n), clOrdId + "-fill", id.getBeginString() == "FIX.4.2" ? "2" : "F", "2", true);
  }
  bool loggedOn() const { return loggedOn_; }
  int reports() const { return reports_; }
  FIX::SessionID id() const { return id_; }

 private:
  static void report(const FIX::SessionID& id, const FIX::Message& order, const std::string& clOrdId, const std::string& orderId, const std::string& execId, const std::string& execType, const std::string& ordStatus, bool filled) {
    FIX::Message er;
    er.getHeader().setField(35, "8");
    const std::string qty = field(order, 38).empty() ? "100" : field(order, 38);
    er.setField(6, filled ? field(order, 44) : "0");
    er.setField(11, clOrdId);
    er.setField(14, filled ? qty : "0");
    er.setField(17, execId);
    if (id.getBeginString() == "FIX.4.2") er.setField(20, "0");
    er.setField(37, orderId);
    er.setField(39, ordStatus);
    if (filled) {
      er.setField(31, field(order, 44));
      er.setField(32, qty);
    }
    er.setField(54, field(order, 54));
    er.setField(55, field(order, 55));
    er.setField(150, execType);
    er.setField(151, filled ? "0" : qty);
    FIX::Session::sendToTarget(er, id);
  }

  bool venue_;
  std::atomic<bool> loggedOn_{false};
  std::atomic<int> reports_{0};
  std::atomic<int> orders_{0};
  FIX::SessionID id_;
};

std::string settings(bool venue, const std::string& port, const std::string& beginString, const std::string& work) {
  std::ostringstream s;
  s << "[DEFAULT]\nConnectionType=" << (venue ? "acceptor" : "initiator") << "\nHeartBtInt=1\nReconnectInterval=1\n"
    << "StartTime=00:00:00\nEndTime=00:00:00\nUseDataDictionary=N\nResetOnLogon=Y\nFileStorePath=" << work << "/store\nFileLogPath=" << work << "/log\n"
    << (venue ? "SocketAcceptPort=" + port : "SocketConnectHost=127.0.0.1\nSocketConnectPort=" + port) << "\n"
    << "[SESSION]\nBeginString=" << beginString << "\nSenderCompID=" << (venue ? "VENUE" : "CLIENT") << "\nTargetCompID=" << (venue ? "CLIENT" : "VENUE") << "\n";
  return s.str();
}

void sleepMs(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::cerr << "usage: fix-incident acceptor <port> <BeginString> <work dir> <run seconds>\n"
                 "       fix-incident initiator <port> <BeginString> <work dir> <orders> <interval ms>" << std::endl;
    return 2;
  }
  const std::string mode = argv[1];
  const bool venue = mode == "acceptor";
  std::istringstream config(settings(venue, argv[2], argv[3], argv[4]));
  FIX::SessionSettings sessionSettings(config);
  Engine engine(venue);
  FIX::FileStoreFactory store(sessionSettings);
  FIX::FileLogFactory logs(sessionSettings);
  if (venue) {
    FIX::SocketAcceptor acceptor(engine, store, sessionSettings, logs);
    acceptor.start();
    std::cout << "LISTENING" << std::endl;
    sleepMs(1000 * std::stoi(argv[5]));
    acceptor.stop();
    return 0;
  }
  if (argc < 7) return 2;
  const int orders = std::stoi(argv[5]);
  const int intervalMs = std::stoi(argv[6]);
  FIX::SocketInitiator initiator(engine, store, sessionSettings, logs);
  initiator.start();
  for (int i = 0; i < 150 && !engine.loggedOn(); i++) sleepMs(100);
  if (!engine.loggedOn()) {
    std::cout << "RESULT fail no logon" << std::endl;
    initiator.stop(true);
    return 1;
  }
  const auto sendOrder = [&](const std::string& clOrdId) {
    FIX::Message order;
    order.getHeader().setField(35, "D");
    order.setField(11, clOrdId);
    if (std::string(argv[3]) == "FIX.4.2") order.setField(21, "1");
    order.setField(38, "100");
    order.setField(40, "2");
    order.setField(44, "10.5");
    order.setField(54, "1");
    order.setField(55, "XYZ");
    order.setField(FIX::TransactTime(FIX::UtcTimeStamp(), 3));
    FIX::Session::sendToTarget(order, engine.id());
  };
  for (int i = 1; i <= orders; i++) {
    sendOrder("O" + std::to_string(i));
    sleepMs(intervalMs);
  }
  FIX::Session* session = FIX::Session::lookupSession(engine.id());
  if (argc > 7 && std::string(argv[7]) == "jump" && session != nullptr) {
    sendOrder("JUMP-BEFORE");
    session->setNextSenderMsgSeqNum(session->getExpectedSenderNum() + 3);
    sendOrder("JUMP-AFTER");
  }
  sleepMs(2000);
  if (session != nullptr) session->logout("done");
  for (int i = 0; i < 50 && engine.loggedOn(); i++) sleepMs(100);
  initiator.stop();
  std::cout << "RESULT ok " << engine.reports() << std::endl;
  return 0;
}
